// SPDX-License-Identifier: MIT
#include "interrupts.h"

#include "jobs/jobtypes.h"

#include <atomic>
#include <csignal>

namespace easel::cli::interrupts {

namespace {

std::atomic<CancelToken*> g_token { nullptr };
std::atomic<bool> g_interrupted { false };

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
    if (CancelToken* token = g_token.load())
        token->cancel(CancelMode::Now);
}

} // namespace

void install()
{
    g_interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

void watch(CancelToken* token)
{
    g_token.store(token);
    if (token && g_interrupted.load())
        token->cancel(CancelMode::Now);
}

bool happened() { return g_interrupted.load(); }

void uninstall()
{
    g_token.store(nullptr);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace easel::cli::interrupts
