//! Files created, on Windows, with a security descriptor that lets their owner in and no one
//! else: one allow entry for the user Winroll runs as, and a protected DACL, so nothing is
//! inherited from the folder (a Documents folder an admin shared, a profile with loose ACLs).
//! It is set by CreateFileW itself, so no byte is ever written to a file others could open.
//! (Unix gets the same from mode 0600 at creation.)
//!
//! The only unsafe code in Winroll: std has no way to pass a security descriptor to CreateFileW.
//! Every block says what it relies on.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::fs::File;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::os::windows::io::FromRawHandle;
use std::path::Path;

use windows_sys::Win32::Foundation::{
    CloseHandle, GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE, LocalFree,
};
use windows_sys::Win32::Security::Authorization::{
    ConvertSecurityDescriptorToStringSecurityDescriptorW, ConvertSidToStringSidW,
    ConvertStringSecurityDescriptorToSecurityDescriptorW, SDDL_REVISION_1,
};
use windows_sys::Win32::Security::{
    DACL_SECURITY_INFORMATION, GetFileSecurityW, GetTokenInformation, SECURITY_ATTRIBUTES,
    TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::{
    CREATE_NEW, CreateFileW, FILE_ATTRIBUTE_NORMAL, FILE_SHARE_DELETE, FILE_SHARE_READ,
    FILE_SHARE_WRITE,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// The DACL every private file gets, in SDDL: protected (`P`), full access for `sid` only.
pub fn owner_only_dacl(sid: &str) -> String {
    format!("D:P(A;;FA;;;{sid})")
}

/// Creates `path` (never over an existing file) readable and writable by the current user only.
pub fn create_new(path: &Path) -> io::Result<File> {
    let sddl = wide(owner_only_dacl(&current_user_sid()?).as_ref());
    let mut descriptor: *mut c_void = std::ptr::null_mut();
    // SAFETY: `sddl` is NUL-terminated; on success the descriptor is freed below with LocalFree.
    let made = unsafe {
        ConvertStringSecurityDescriptorToSecurityDescriptorW(
            sddl.as_ptr(),
            SDDL_REVISION_1,
            &mut descriptor,
            std::ptr::null_mut(),
        )
    };
    if made == 0 {
        return Err(io::Error::last_os_error());
    }
    let attributes = SECURITY_ATTRIBUTES {
        nLength: size_of::<SECURITY_ATTRIBUTES>() as u32,
        lpSecurityDescriptor: descriptor,
        bInheritHandle: 0,
    };
    let name = wide(path.as_os_str());
    // SAFETY: every pointer is valid for the call; the handle is owned by the File made below.
    let handle = unsafe {
        CreateFileW(
            name.as_ptr(),
            GENERIC_READ | GENERIC_WRITE,
            // As tempfile shares its own files: the rename into place needs FILE_SHARE_DELETE
            // while the file is open. The DACL, not the share mode, keeps others out.
            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
            &attributes,
            CREATE_NEW,
            FILE_ATTRIBUTE_NORMAL,
            std::ptr::null_mut(),
        )
    };
    let error = io::Error::last_os_error();
    // SAFETY: allocated by ConvertStringSecurityDescriptorToSecurityDescriptorW.
    unsafe { LocalFree(descriptor) };
    if handle == INVALID_HANDLE_VALUE {
        return Err(error);
    }
    // SAFETY: a handle CreateFileW just opened, owned by nothing else.
    Ok(unsafe { File::from_raw_handle(handle) })
}

/// The file's DACL as SDDL, as Windows reports it (what a test compares with
/// [`owner_only_dacl`]).
pub fn dacl_of(path: &Path) -> io::Result<String> {
    let name = wide(path.as_os_str());
    let mut needed = 0u32;
    // SAFETY: a size query; the buffer is allocated below with the size it asks for.
    unsafe {
        GetFileSecurityW(
            name.as_ptr(),
            DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            0,
            &mut needed,
        )
    };
    if needed == 0 {
        return Err(io::Error::last_os_error());
    }
    let mut buffer = vec![0u8; needed as usize];
    // SAFETY: `buffer` holds `needed` bytes.
    let read = unsafe {
        GetFileSecurityW(
            name.as_ptr(),
            DACL_SECURITY_INFORMATION,
            buffer.as_mut_ptr().cast(),
            needed,
            &mut needed,
        )
    };
    if read == 0 {
        return Err(io::Error::last_os_error());
    }
    let mut text: *mut u16 = std::ptr::null_mut();
    // SAFETY: `buffer` holds a self-relative descriptor; the string is freed with LocalFree.
    let converted = unsafe {
        ConvertSecurityDescriptorToStringSecurityDescriptorW(
            buffer.as_mut_ptr().cast(),
            SDDL_REVISION_1,
            DACL_SECURITY_INFORMATION,
            &mut text,
            std::ptr::null_mut(),
        )
    };
    if converted == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a NUL-terminated string Windows allocated.
    let sddl = unsafe { take_wide(text) };
    Ok(sddl)
}

/// The current user's SID as a string (`S-1-5-21-…`).
pub fn current_user_sid() -> io::Result<String> {
    let mut token: HANDLE = std::ptr::null_mut();
    // SAFETY: the pseudo-handle of this process; the token is closed below.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let result = (|| {
        let mut needed = 0u32;
        // SAFETY: a size query.
        unsafe { GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &mut needed) };
        if needed == 0 {
            return Err(io::Error::last_os_error());
        }
        // u64s keep TOKEN_USER's pointers aligned.
        let mut buffer = vec![0u64; (needed as usize).div_ceil(8)];
        // SAFETY: `buffer` holds at least `needed` bytes.
        let read = unsafe {
            GetTokenInformation(
                token,
                TokenUser,
                buffer.as_mut_ptr().cast(),
                needed,
                &mut needed,
            )
        };
        if read == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: GetTokenInformation wrote a TOKEN_USER at the start of `buffer`.
        let user = unsafe { &*buffer.as_ptr().cast::<TOKEN_USER>() };
        let mut text: *mut u16 = std::ptr::null_mut();
        // SAFETY: the SID lives in `buffer`; the string is freed with LocalFree.
        if unsafe { ConvertSidToStringSidW(user.User.Sid, &mut text) } == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a NUL-terminated string Windows allocated.
        Ok(unsafe { take_wide(text) })
    })();
    // SAFETY: opened above.
    unsafe { CloseHandle(token) };
    result
}

fn wide(text: &std::ffi::OsStr) -> Vec<u16> {
    text.encode_wide().chain(std::iter::once(0)).collect()
}

/// Copies a NUL-terminated UTF-16 string that Windows allocated with LocalAlloc, then frees it.
///
/// # Safety
/// `text` must be such a string.
unsafe fn take_wide(text: *mut u16) -> String {
    // SAFETY: the caller's promise: NUL-terminated.
    let length = (0..).take_while(|&i| unsafe { *text.add(i) } != 0).count();
    // SAFETY: `length` units were just read.
    let copy = String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(text, length) });
    // SAFETY: allocated by the Windows call that returned it.
    unsafe { LocalFree(text.cast()) };
    copy
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The allow entries of an SDDL DACL, as (rights, trustee).
    fn aces(sddl: &str) -> Vec<(String, String)> {
        sddl.split('(')
            .skip(1)
            .map(|ace| {
                let parts: Vec<&str> = ace.trim_end_matches(')').split(';').collect();
                assert_eq!(parts[0], "A", "only allow entries: {sddl}");
                (parts[2].to_owned(), parts[5].to_owned())
            })
            .collect()
    }

    /// The file reads back as its owner's only: an allow entry for the user, nobody else's
    /// (SYSTEM aside, which Wine always lists; Windows reads back exactly
    /// `D:P(A;;FA;;;<user>)`), nothing inherited; and differently from a file made the default
    /// way beside it (the control: the read-back can see what the descriptor changes).
    fn assert_private(path: &Path) {
        let sid = current_user_sid().unwrap();
        assert!(sid.starts_with("S-1-"), "{sid}");
        let ours = dacl_of(path).unwrap();
        let plain = path.with_extension("default");
        std::fs::write(&plain, b"x").unwrap();
        let theirs = dacl_of(&plain).unwrap();
        assert_ne!(ours, theirs, "a private file reads back like a default one");
        let entries = aces(&ours);
        assert!(
            entries
                .iter()
                .any(|(rights, who)| rights == "FA" && who == &sid),
            "{ours}"
        );
        for (rights, who) in &entries {
            assert!(who == &sid || who == "SY", "{who} may {rights}: {ours}");
        }
        assert!(!ours.contains(";ID;"), "an inherited entry: {ours}");
    }

    /// Run under Wine in the Windows stage.
    #[test]
    fn a_new_file_is_its_owners_only_with_nothing_inherited() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.csv");
        std::io::Write::write_all(&mut create_new(&path).unwrap(), b"x").unwrap();
        assert_private(&path);
        // Never over an existing file.
        assert_eq!(
            create_new(&path).unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
    }

    /// What the links CSV and the onboarding sheet are written with, and every profile, draft
    /// and history file: private from the temporary file on, and after the rename.
    #[test]
    fn files_written_privately_are_private_on_windows() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("onboarding.html");
        crate::write_new_private(&sheet, b"token").unwrap();
        assert_private(&sheet);
        let profiles = dir.path().join("profiles.json");
        crate::write_private(&profiles, b"{}").unwrap();
        crate::write_private(&profiles, b"{ }").unwrap();
        assert_private(&profiles);
    }
}
