//! The watcher process (Linux, inotify): records which JD files change and answers searches.
//!
//! Three threads: one reads inotify events into the shared [`State`], one ends the process
//! after [`IDLE`] without a search, and the main one answers searches one at a time (they hold
//! the index lock while they talk to the watcher, so there is never more than one anyway).

use std::collections::{HashMap, HashSet};
use std::ffi::CStr;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rustix::fs::inotify::{self, CreateFlags, ReadFlags, WatchFlags};

use super::state::{Changes, State};
use super::{IDLE, LOCK, Question, SOCKET, WatchError, parse_question};

/// How long the watcher waits to see its own cookie before telling the search to check
/// everything itself.
const COOKIE_WAIT: Duration = Duration::from_secs(2);

/// What a watch descriptor watches.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Watched {
    /// `library/`: role folders come and go here.
    Library,
    /// A role folder, by its path from the library root (`library/data-engineer`).
    Folder(String),
    /// The folder of cookies, in the index folder.
    Cookies,
}

/// What one event means.
#[derive(Debug, PartialEq, Eq)]
enum Action {
    /// A JD file may have changed.
    File(String),
    /// A role folder appeared: watch it, and check everything (files may have been put in it
    /// before the watch began).
    NewFolder(String),
    /// Something that names no single file: check everything.
    Everything,
    /// The watcher's own cookie arrived.
    Cookie(u64),
    /// The library or the index folder is gone: stop.
    Stop,
    /// Nothing a search cares about.
    Nothing,
}

/// The meaning of an event with `flags` and `name` on what `watched` names.
fn classify(watched: Option<&Watched>, flags: ReadFlags, name: Option<&str>) -> Action {
    if flags.contains(ReadFlags::QUEUE_OVERFLOW) {
        return Action::Everything;
    }
    let Some(watched) = watched else {
        return Action::Nothing;
    };
    let gone = flags.intersects(ReadFlags::DELETE_SELF | ReadFlags::MOVE_SELF | ReadFlags::UNMOUNT);
    match watched {
        Watched::Library | Watched::Cookies if gone || flags.contains(ReadFlags::IGNORED) => {
            Action::Stop
        }
        Watched::Library => match name {
            Some(name) if flags.contains(ReadFlags::ISDIR) => {
                if flags.intersects(ReadFlags::CREATE | ReadFlags::MOVED_TO) {
                    Action::NewFolder(format!("library/{name}"))
                } else {
                    Action::Everything
                }
            }
            // Files directly in library/ (roles.yaml) are not JDs; searches do not list them.
            _ => Action::Nothing,
        },
        // A removed or renamed folder is reported by `library/` itself.
        Watched::Folder(_) if gone || flags.contains(ReadFlags::IGNORED) => Action::Nothing,
        Watched::Folder(folder) => match name {
            // Nested folders are not part of the library's layout; searches skip them.
            _ if flags.contains(ReadFlags::ISDIR) => Action::Nothing,
            // `.md` exactly, as the search's own listing takes it.
            Some(name) if name.strip_suffix(".md").is_some() && !name.contains('\n') => {
                Action::File(format!("{folder}/{name}"))
            }
            // A name that is not valid UTF-8 or a line of the exchange: check everything.
            None => Action::Everything,
            Some(_) => Action::Nothing,
        },
        Watched::Cookies => match name.and_then(|n| n.parse().ok()) {
            Some(n) if flags.contains(ReadFlags::CREATE) => Action::Cookie(n),
            _ => Action::Nothing,
        },
    }
}

/// What the threads share.
#[derive(Default)]
struct Shared {
    state: State,
    cookies: HashSet<u64>,
    last_question: Option<Instant>,
}

type Handle = Arc<(Mutex<Shared>, Condvar)>;

fn locked(handle: &Handle) -> MutexGuard<'_, Shared> {
    // A thread that panicked holding the lock leaves bookkeeping that may be wrong: stop, and
    // the searches check every file.
    handle.0.lock().unwrap_or_else(|_| std::process::exit(3))
}

pub(super) fn serve(root: &Path, store: &Path) -> Result<(), WatchError> {
    let io = |what: String| move |source| WatchError::Io { what, source };
    fs::create_dir_all(store).map_err(io(format!("creating {}", store.display())))?;
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(store.join(LOCK))
        .map_err(io(format!("opening {}", store.join(LOCK).display())))?;
    match lock.try_lock() {
        Ok(()) => {}
        // Another watcher has this library.
        Err(fs::TryLockError::WouldBlock) => return Ok(()),
        Err(fs::TryLockError::Error(e)) => return Err(io("locking the watcher".into())(e)),
    }

    let cookies = store.join("cookies");
    let _ = fs::remove_dir_all(&cookies);
    fs::create_dir_all(&cookies).map_err(io(format!("creating {}", cookies.display())))?;
    let fd =
        inotify::init(CreateFlags::CLOEXEC).map_err(|e| io("starting inotify".into())(e.into()))?;
    let mut watches = HashMap::new();
    // `library/` first: a folder created while the folders are listed is then still seen.
    let library = root.join("library");
    let folder_flags = WatchFlags::CLOSE_WRITE
        | WatchFlags::MODIFY
        | WatchFlags::ATTRIB
        | WatchFlags::CREATE
        | WatchFlags::DELETE
        | WatchFlags::MOVED_FROM
        | WatchFlags::MOVED_TO
        | WatchFlags::DONT_FOLLOW
        | WatchFlags::ONLYDIR;
    let library_flags = WatchFlags::CREATE
        | WatchFlags::DELETE
        | WatchFlags::MOVED_FROM
        | WatchFlags::MOVED_TO
        | WatchFlags::DELETE_SELF
        | WatchFlags::MOVE_SELF
        | WatchFlags::DONT_FOLLOW
        | WatchFlags::ONLYDIR;
    let add = |dir: &Path, flags: WatchFlags| {
        inotify::add_watch(&fd, dir, flags)
            .map_err(|e| io(format!("watching {}", dir.display()))(e.into()))
    };
    watches.insert(add(&library, library_flags)?, Watched::Library);
    let items = fs::read_dir(&library).map_err(io(format!("reading {}", library.display())))?;
    for item in items.flatten() {
        // Linked folders are not followed, as searches do not follow them.
        if item.file_type().is_ok_and(|t| t.is_dir()) {
            let name = item.file_name().to_string_lossy().into_owned();
            watches.insert(
                add(&item.path(), folder_flags)?,
                Watched::Folder(format!("library/{name}")),
            );
        }
    }
    let cookie_flags = WatchFlags::CREATE | WatchFlags::DELETE_SELF | WatchFlags::ONLYDIR;
    watches.insert(add(&cookies, cookie_flags)?, Watched::Cookies);

    let socket = store.join(SOCKET);
    // A socket left by a watcher that was killed: ours now, since we hold the lock.
    let _ = fs::remove_file(&socket);
    let listener =
        UnixListener::bind(&socket).map_err(io(format!("listening on {}", socket.display())))?;

    let handle: Handle = Arc::default();
    locked(&handle).last_question = Some(Instant::now());
    {
        let handle = Arc::clone(&handle);
        let socket = socket.clone();
        std::thread::spawn(move || {
            read_events(&fd, &library, watches, folder_flags, &handle, &socket);
        });
    }
    {
        let handle = Arc::clone(&handle);
        let socket = socket.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(10));
                let idle = locked(&handle)
                    .last_question
                    .is_some_and(|t| t.elapsed() > IDLE);
                if idle {
                    stop(&socket);
                }
            }
        });
    }
    let mut next_cookie = 0_u64;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        // A search that breaks off mid-exchange costs nothing but its own answer.
        let _ = answer(stream, &handle, &cookies, &mut next_cookie);
    }
    drop(lock);
    Ok(())
}

/// Ends the watcher: searches that find no socket check every file themselves.
fn stop(socket: &Path) -> ! {
    let _ = fs::remove_file(socket);
    std::process::exit(0)
}

fn read_events(
    fd: &OwnedFd,
    library: &Path,
    mut watches: HashMap<i32, Watched>,
    folder_flags: WatchFlags,
    handle: &Handle,
    socket: &Path,
) {
    let mut buf = vec![MaybeUninit::<u8>::uninit(); 64 * 1024];
    let mut events = inotify::Reader::new(fd.as_fd(), &mut buf);
    loop {
        let event = match events.next() {
            Ok(event) => event,
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => stop(socket),
        };
        let name = event.file_name().map(CStr::to_str);
        let name = match name {
            Some(Ok(name)) => Some(name),
            Some(Err(_)) | None => None,
        };
        let action = classify(watches.get(&event.wd()), event.events(), name);
        if event.events().contains(ReadFlags::IGNORED) {
            watches.remove(&event.wd());
        }
        let mut shared = locked(handle);
        match action {
            Action::File(path) => shared.state.file_changed(path),
            Action::NewFolder(folder) => {
                let dir = library.join(folder.trim_start_matches("library/"));
                if let Ok(wd) = inotify::add_watch(fd, &dir, folder_flags) {
                    watches.insert(wd, Watched::Folder(folder));
                }
                shared.state.everything_changed();
            }
            Action::Everything => shared.state.everything_changed(),
            Action::Cookie(n) => {
                shared.cookies.insert(n);
                handle.1.notify_all();
            }
            Action::Stop => stop(socket),
            Action::Nothing => {}
        }
    }
}

/// Answers one search's questions until it hangs up.
fn answer(
    stream: UnixStream,
    handle: &Handle,
    cookies: &Path,
    next_cookie: &mut u64,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        locked(handle).last_question = Some(Instant::now());
        let mut out = String::new();
        match parse_question(&line) {
            Some(Question::Sync(manifest)) => {
                let cookie = *next_cookie;
                *next_cookie += 1;
                let path = cookies.join(cookie.to_string());
                let seen = fs::File::create(&path).is_ok() && wait_for(handle, cookie);
                let _ = fs::remove_file(&path);
                let shared = locked(handle);
                let changes = shared.state.changes(manifest);
                match changes {
                    Changes::Files { token, paths } if seen => {
                        out.push_str(&format!("files {token} {}\n", paths.len()));
                        for path in paths {
                            out.push_str(&path);
                            out.push('\n');
                        }
                    }
                    Changes::Files { token, .. } | Changes::Everything { token } => {
                        out.push_str(&format!("everything {token}\n"));
                    }
                }
            }
            Some(Question::Done(token, manifest)) => {
                locked(handle).state.done(token, manifest);
                out.push_str("ok\n");
            }
            None => return Ok(()),
        }
        writer.write_all(out.as_bytes())?;
    }
}

/// Waits until the event for cookie `n` has been read: every earlier change has then been
/// recorded.
fn wait_for(handle: &Handle, n: u64) -> bool {
    let (lock, arrived) = &**handle;
    let Ok(guard) = lock.lock() else {
        return false;
    };
    arrived
        .wait_timeout_while(guard, COOKIE_WAIT, |shared| !shared.cookies.remove(&n))
        .is_ok_and(|(_, timeout)| !timeout.timed_out())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> Watched {
        Watched::Folder("library/data-engineer".into())
    }

    #[test]
    fn events_mean_what_searches_need() {
        let f = Some(&folder());
        assert_eq!(
            classify(f, ReadFlags::CLOSE_WRITE, Some("a.md")),
            Action::File("library/data-engineer/a.md".into())
        );
        assert_eq!(
            classify(f, ReadFlags::MOVED_TO, Some("a.md")),
            Action::File("library/data-engineer/a.md".into())
        );
        assert_eq!(
            classify(f, ReadFlags::MODIFY, Some(".a.md.swp")),
            Action::Nothing
        );
        assert_eq!(classify(f, ReadFlags::MODIFY, None), Action::Everything);
        assert_eq!(
            classify(f, ReadFlags::CREATE | ReadFlags::ISDIR, Some("x.md")),
            Action::Nothing
        );
        let lib = Some(&Watched::Library);
        assert_eq!(
            classify(lib, ReadFlags::CREATE | ReadFlags::ISDIR, Some("new-role")),
            Action::NewFolder("library/new-role".into())
        );
        assert_eq!(
            classify(
                lib,
                ReadFlags::MOVED_FROM | ReadFlags::ISDIR,
                Some("old-role")
            ),
            Action::Everything
        );
        assert_eq!(
            classify(lib, ReadFlags::CLOSE_WRITE, Some("roles.yaml")),
            Action::Nothing
        );
        assert_eq!(classify(lib, ReadFlags::DELETE_SELF, None), Action::Stop);
        assert_eq!(
            classify(None, ReadFlags::QUEUE_OVERFLOW, None),
            Action::Everything
        );
        let cookies = Some(&Watched::Cookies);
        assert_eq!(
            classify(cookies, ReadFlags::CREATE, Some("12")),
            Action::Cookie(12)
        );
        assert_eq!(classify(cookies, ReadFlags::IGNORED, None), Action::Stop);
    }
}
