// SPDX-License-Identifier: MIT
#include "gallery/atomicfile.h"
