//! Opening the contributor's editor (`$VISUAL`, then `$EDITOR`) on a temporary copy of a text,
//! as `git commit` does, and reading it back.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;

/// The editor could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    /// Neither variable is set.
    #[error(
        "no editor is set: set VISUAL or EDITOR (for example `export EDITOR=nano`), or pass the text with {alternative}"
    )]
    NoEditor {
        /// The flag that avoids the editor.
        alternative: &'static str,
    },
    /// It could not be started, or it failed.
    #[error(
        "the editor `{editor}` {what}: fix VISUAL or EDITOR, or pass the text with {alternative}"
    )]
    Failed {
        /// The command.
        editor: String,
        /// What went wrong.
        what: String,
        /// The flag that avoids the editor.
        alternative: &'static str,
    },
    /// The temporary file could not be written or read.
    #[error("editing {path}: {source}")]
    Io {
        /// The temporary file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// Opens `editor` (a shell command, as `VISUAL` and `EDITOR` hold) on `initial` in a new
/// temporary `<stem>.md` file and returns what was saved. `alternative` names the flag to use
/// instead, for messages.
pub fn edit(
    editor: Option<&str>,
    initial: &str,
    stem: &str,
    alternative: &'static str,
) -> Result<String, EditorError> {
    let editor = editor.ok_or(EditorError::NoEditor { alternative })?;
    let file = TempFile::create(stem, initial)?;
    // Through the shell, as git does, so `EDITOR="code --wait"` and quoted paths work.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(&file.path)
        .status()
        .map_err(|e| EditorError::Failed {
            editor: editor.to_owned(),
            what: format!("could not be started ({e})"),
            alternative,
        })?;
    if !status.success() {
        return Err(EditorError::Failed {
            editor: editor.to_owned(),
            what: format!("exited with {status}"),
            alternative,
        });
    }
    std::fs::read_to_string(&file.path).map_err(|source| EditorError::Io {
        path: file.path.clone(),
        source,
    })
}

/// A file in the temporary folder that is removed when dropped.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn create(stem: &str, text: &str) -> Result<TempFile, EditorError> {
        let dir = std::env::temp_dir();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = dir.join(format!("jdlib-{}-{stamp}-{stem}.md", std::process::id()));
        let io = |source| EditorError::Io {
            path: path.clone(),
            source,
        };
        // `create_new` never follows or reuses a file someone placed there first.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        Ok(TempFile { path })
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
