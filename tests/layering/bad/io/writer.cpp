// fixture: io must not include a model
#include "models/acute/acute_model.hpp"
#include "sim/kpi.hpp"
