// fixture: the engine must not include a model
#include "models/acute/acute_model.hpp"
