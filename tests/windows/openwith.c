/*
 * Opens a file the way Explorer's "Open with ▸ Claimline" does: the ProgID the installer
 * registered names the command, %1 becomes the file's full path, and that command line is started.
 * Used by .ci/windows-installer (issue 27). A test fixture, never part of the product:
 *   x86_64-w64-mingw32-gcc -O2 -municode -o openwith.exe openwith.c -lshell32 -ladvapi32
 *
 * First through ShellExecuteEx with the ProgID (SEE_MASK_CLASSNAME), as Explorer does. Wine 8 does
 * not merge the per-user classes (HKCU\Software\Classes, where a per-user install registers) into
 * HKEY_CLASSES_ROOT as Windows does, so there ShellExecuteEx finds no command; then the command is
 * read from HKCU\Software\Classes\PROGID\shell\open\command, what Windows' merged view returns,
 * and started with CreateProcess, which is what ShellExecuteEx does with it.
 *
 * Usage: openwith PROGID FILE. Prints how it was started and the command line.
 */
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <wchar.h>

/* Prints UTF-16 text as UTF-8 (the CRT's wprintf stops at the first non-ASCII character). */
static void say(const wchar_t *text)
{
    static char utf8[200000];
    WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, sizeof utf8, NULL, NULL);
    fputs(utf8, stdout);
    fputs("\n", stdout);
}

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) {
        fwprintf(stderr, L"usage: openwith PROGID FILE\n");
        return 2;
    }
    static wchar_t full[32768];
    if (!GetFullPathNameW(argv[2], 32768, full, NULL)) {
        fwprintf(stderr, L"openwith: no full path for %ls (error %lu)\n", argv[2], GetLastError());
        return 1;
    }
    SHELLEXECUTEINFOW info = {0};
    info.cbSize = sizeof info;
    info.fMask = SEE_MASK_CLASSNAME | SEE_MASK_FLAG_NO_UI;
    info.lpClass = argv[1];
    info.lpVerb = L"open";
    info.lpFile = full;
    info.nShow = SW_SHOWNORMAL;
    static wchar_t key[1024], command[32768], line[65536], said[70000];
    if (ShellExecuteExW(&info)) {
        _snwprintf(said, 70000, L"ShellExecuteEx with class %ls on %ls", argv[1], full);
        say(said);
        return 0;
    }

    _snwprintf(key, 1024, L"Software\\Classes\\%ls\\shell\\open\\command", argv[1]);
    DWORD size = sizeof command;
    LSTATUS status = RegGetValueW(HKEY_CURRENT_USER, key, NULL, RRF_RT_REG_SZ, NULL, command, &size);
    if (status != ERROR_SUCCESS) {
        fwprintf(stderr, L"openwith: no HKCU\\%ls (error %ld)\n", key, (long)status);
        return 1;
    }
    /* %1 is the file; the registered command quotes it. */
    wchar_t *at = wcsstr(command, L"%1");
    if (!at) {
        fwprintf(stderr, L"openwith: the command has no %%1: %ls\n", command);
        return 1;
    }
    *at = 0;
    _snwprintf(line, 65536, L"%ls%ls%ls", command, full, at + 2);
    STARTUPINFOW startup = {0};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION process;
    if (!CreateProcessW(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process)) {
        fwprintf(stderr, L"openwith: cannot start %ls (error %lu)\n", line, GetLastError());
        return 1;
    }
    _snwprintf(said, 70000, L"HKCU\\%ls, started: %ls", key, line);
    say(said);
    CloseHandle(process.hThread);
    CloseHandle(process.hProcess);
    return 0;
}
