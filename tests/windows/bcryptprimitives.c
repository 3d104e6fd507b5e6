/* Wine 8 has no bcryptprimitives.dll ProcessPrng, which Rust's standard library imports on
 * Windows 10+. This stand-in, placed beside the .exe under test, forwards to RtlGenRandom
 * (advapi32 SystemFunction036), which Wine has. Used only by the tests under Wine: real
 * Windows loads its own DLL from System32 before looking beside the program. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
