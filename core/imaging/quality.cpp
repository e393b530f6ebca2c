// SPDX-License-Identifier: MIT
#include "imaging/quality.h"
