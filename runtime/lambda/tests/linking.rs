//! The built `bootstrap` runs on Lambda's `provided.al2023`: Amazon Linux
//! 2023 has glibc 2.34, so the executable may need no symbol version newer
//! than `GLIBC_2.34`, and no shared library beyond glibc's own and
//! libgcc's. Read from the executable's ELF dynamic section and version
//! needs, as the dynamic loader reads them.

use object::Endianness;
use object::elf::{DT_NEEDED, FileHeader64};
use object::read::elf::{Dyn, FileHeader};

const BOOTSTRAP: &str = env!("CARGO_BIN_EXE_bootstrap");

/// The newest glibc on `provided.al2023`.
const NEWEST_GLIBC: (u32, u32) = (2, 34);

/// The libraries every `provided.al2023` function has.
const BASE_LIBRARIES: [&str; 8] = [
    "libc.so.6",
    "libm.so.6",
    "libgcc_s.so.1",
    "ld-linux-x86-64.so.2",
    "libpthread.so.0",
    "libdl.so.2",
    "librt.so.1",
    "libutil.so.1",
];

/// What the executable asks of the loader: the libraries it needs and,
/// per library, the symbol versions it needs.
struct Needs {
    libraries: Vec<String>,
    versions: Vec<(String, String)>,
}

fn needs(data: &[u8]) -> object::read::Result<Needs> {
    let header = FileHeader64::<Endianness>::parse(data)?;
    let endian = header.endian()?;
    let sections = header.sections(endian, data)?;
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut libraries = Vec::new();
    if let Some((entries, link)) = sections.dynamic(endian, data)? {
        let strings = sections.strings(endian, data, link)?;
        for entry in entries.iter().filter(|entry| entry.tag(endian) == DT_NEEDED) {
            libraries.push(text(entry.string(endian, strings)?));
        }
    }
    let mut versions = Vec::new();
    if let Some((mut entries, link)) = sections.gnu_verneed(endian, data)? {
        let strings = sections.strings(endian, data, link)?;
        while let Some((need, mut auxiliaries)) = entries.next()? {
            let file = text(need.file(endian, strings)?);
            while let Some(auxiliary) = auxiliaries.next()? {
                versions.push((file.clone(), text(auxiliary.name(endian, strings)?)));
            }
        }
    }
    Ok(Needs { libraries, versions })
}

/// `GLIBC_2.34` → (2, 34); `None` for other version names.
fn glibc_version(name: &str) -> Option<(u32, u32)> {
    let (major, minor) = name.strip_prefix("GLIBC_")?.split_once('.')?;
    let minor = minor.split('.').next()?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

#[test]
fn bootstrap_needs_no_glibc_newer_than_amazon_linux_2023s() {
    let data = std::fs::read(BOOTSTRAP).expect("the bootstrap executable");
    let needs = needs(&data).expect("an ELF executable");
    let glibc: Vec<(u32, u32)> = needs.versions.iter().filter_map(|(_, name)| glibc_version(name)).collect();
    assert!(glibc.len() >= 5, "too few glibc versions read: {:?}", needs.versions);
    let too_new: Vec<&(String, String)> =
        needs.versions.iter().filter(|(_, name)| glibc_version(name).is_some_and(|v| v > NEWEST_GLIBC)).collect();
    assert!(too_new.is_empty(), "bootstrap needs glibc newer than 2.34: {too_new:?}");
}

#[test]
fn bootstrap_needs_only_the_base_libraries() {
    let data = std::fs::read(BOOTSTRAP).expect("the bootstrap executable");
    let needs = needs(&data).expect("an ELF executable");
    assert!(needs.libraries.iter().any(|library| library == "libc.so.6"), "{:?}", needs.libraries);
    let extra: Vec<&String> = needs.libraries.iter().filter(|library| !BASE_LIBRARIES.contains(&library.as_str())).collect();
    assert!(extra.is_empty(), "bootstrap needs libraries provided.al2023 lacks: {extra:?}");
}

#[test]
fn versions_are_read_as_numbers() {
    assert_eq!(glibc_version("GLIBC_2.34"), Some((2, 34)));
    assert_eq!(glibc_version("GLIBC_2.2.5"), Some((2, 2)));
    assert!(glibc_version("GLIBC_2.35") > Some(NEWEST_GLIBC));
    assert!(glibc_version("GLIBC_2.4") < Some(NEWEST_GLIBC));
    assert_eq!(glibc_version("GCC_3.0"), None);
}
