// The helpers are inline functions in include/CParleyMem.h; this file only gives the target a source.
#include "CParleyMem.h"
