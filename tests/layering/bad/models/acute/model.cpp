// fixture: a family never includes another
#include "models/network/network_model.hpp"
