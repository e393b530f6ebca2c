// SPDX-License-Identifier: MIT
// Translation unit that owns the engine precompiled header.
