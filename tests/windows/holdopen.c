/*
 * Holds a file open the way a viewer does on Windows (Excel, Acrobat, an image viewer): readable by
 * others, but not to be deleted or replaced (no FILE_SHARE_DELETE), so a rename over it fails. Used
 * by .ci/windows-smoke to check that `claimline-cli.exe export --force` reports such a file and
 * leaves it as it was (issue 27). A test fixture, never part of the product:
 *   x86_64-w64-mingw32-gcc -O2 -municode -o holdopen.exe holdopen.c
 *
 * Usage: holdopen FILE SECONDS. Prints "held" once the file is open, then keeps it open for
 * SECONDS or until the file FILE.release appears, whichever is first.
 */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) {
        fwprintf(stderr, L"usage: holdopen FILE SECONDS\n");
        return 2;
    }
    HANDLE file = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"holdopen: cannot open %ls (error %lu)\n", argv[1], GetLastError());
        return 1;
    }
    wprintf(L"held\n");
    fflush(stdout);
    wchar_t release[MAX_PATH + 16];
    _snwprintf(release, MAX_PATH + 16, L"%ls.release", argv[1]);
    int seconds = _wtoi(argv[2]);
    for (int tenths = 0; tenths < seconds * 10; tenths++) {
        if (GetFileAttributesW(release) != INVALID_FILE_ATTRIBUTES)
            break;
        Sleep(100);
    }
    CloseHandle(file);
    return 0;
}
