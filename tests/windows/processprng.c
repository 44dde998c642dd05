/*
 * bcryptprimitives.dll for Debian's Wine 8, which has none (issue 27). Rust's standard library
 * (1.78 and later) takes its random bytes from bcryptprimitives!ProcessPrng on Windows, so without
 * this every Rust program fails to start under that Wine. ProcessPrng is implemented with
 * RtlGenRandom (advapi32!SystemFunction036), which Wine has.
 *
 * A test fixture for .ci/windows-smoke, never part of the product:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll processprng.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
