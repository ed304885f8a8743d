#pragma once

#include <cstdio>
#include <cstdlib>

/// Aborts with file:line when an invariant of Markaz's own code is broken. Never use it on
/// external input: that gets a Result.
#define MARKAZ_CHECK(condition, message)                                                          \
    do {                                                                                          \
        if (!(condition)) {                                                                       \
            std::fprintf(stderr, "%s:%d: check failed: %s: %s\n", __FILE__, __LINE__, #condition, \
                         message);                                                                \
            std::abort();                                                                         \
        }                                                                                         \
    } while (false)
