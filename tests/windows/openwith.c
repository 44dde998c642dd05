/*
 * Opens a file the way Explorer's "Open with ▸ Claimline" does: ShellExecuteEx with the ProgID the
 * installer registered (SEE_MASK_CLASSNAME), so the command run is the one in the registry, with
 * the file's full path for %1. Used by .ci/windows-installer (issue 27). A test fixture, never part
 * of the product:
 *   x86_64-w64-mingw32-gcc -O2 -municode -o openwith.exe openwith.c -lshell32
 *
 * Usage: openwith PROGID FILE. Prints the started process's id.
 */
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) {
        fwprintf(stderr, L"usage: openwith PROGID FILE\n");
        return 2;
    }
    wchar_t full[32768];
    if (!GetFullPathNameW(argv[2], 32768, full, NULL)) {
        fwprintf(stderr, L"openwith: no full path for %ls (error %lu)\n", argv[2], GetLastError());
        return 1;
    }
    SHELLEXECUTEINFOW info = {0};
    info.cbSize = sizeof info;
    info.fMask = SEE_MASK_CLASSNAME | SEE_MASK_NOCLOSEPROCESS | SEE_MASK_FLAG_NO_UI;
    info.lpClass = argv[1];
    info.lpVerb = L"open";
    info.lpFile = full;
    info.nShow = SW_SHOWNORMAL;
    if (!ShellExecuteExW(&info)) {
        fwprintf(stderr, L"openwith: ShellExecuteEx failed (error %lu)\n", GetLastError());
        return 1;
    }
    wprintf(L"started process %lu on %ls\n", info.hProcess ? GetProcessId(info.hProcess) : 0, full);
    return 0;
}
