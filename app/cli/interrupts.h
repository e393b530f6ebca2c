// SPDX-License-Identifier: MIT
#pragma once

namespace easel {
class CancelToken;
}

namespace easel::cli {

/// Ctrl-C and SIGTERM for a command: from install() on, a signal sets a flag (and cancels the watched
/// job), so an interrupt never kills the process half-way through a file. Async-signal-safe.
namespace interrupts {

void install();
/// Routes interrupts to `token` from now on, including one that already arrived; nullptr stops it.
void watch(CancelToken* token);
bool happened();
/// Restores the default handlers.
void uninstall();

} // namespace interrupts
} // namespace easel::cli
