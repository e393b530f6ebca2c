// SPDX-License-Identifier: MIT
#include "batch/promptlist.h"
