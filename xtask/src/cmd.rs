//! Running external programs so that a failure says which command failed and why.

use std::ffi::OsStr;
use std::io;
use std::process::{Command, ExitStatus};

use anyhow::{Context, Result, bail};

/// The command line as a user would type it, so they can copy it from a failure and rerun it.
pub fn display(cmd: &Command) -> String {
    let mut line = quote(cmd.get_program());
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    line
}

fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@+,".contains(c));
    if plain {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Runs `cmd` with the terminal attached, so long builds show their progress as they go.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = display(cmd);
    println!("$ {line}");
    let status = cmd.status().map_err(|err| spawn_error(cmd, err))?;
    check(&line, status)
}

/// Runs `cmd` quietly and returns its standard output; for probes such as `--version`.
pub fn output(cmd: &mut Command) -> Result<String> {
    let line = display(cmd);
    let out = cmd.output().map_err(|err| spawn_error(cmd, err))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        bail!("`{line}` failed ({}): {}", out.status, stderr.trim());
    }
    String::from_utf8(out.stdout).with_context(|| format!("`{line}` printed non-UTF-8 output"))
}

/// Like [`output`], but a missing program or a failure is an answer ("not there") rather than an
/// error, because probes are how we decide whether to install something.
pub fn probe(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Replaces this process with `cmd`, so Ctrl-C reaches only the program the user is running and
/// the shell prompt returns when it has shut down, not before.
#[cfg(unix)]
pub fn exec(cmd: &mut Command) -> Result<()> {
    use std::os::unix::process::CommandExt;
    let err = cmd.exec();
    Err(spawn_error(cmd, err))
}

/// Without `exec`, the next best thing: wait for the program and exit as it did.
#[cfg(not(unix))]
pub fn exec(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().map_err(|err| spawn_error(cmd, err))?;
    std::process::exit(status.code().unwrap_or(1))
}

fn check(line: &str, status: ExitStatus) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        bail!("`{line}` failed ({status})")
    }
}

fn spawn_error(cmd: &Command, err: io::Error) -> anyhow::Error {
    let program = cmd.get_program().to_string_lossy();
    if err.kind() == io::ErrorKind::NotFound {
        anyhow::anyhow!("`{program}` was not found; is it installed and on PATH?")
    } else {
        anyhow::Error::new(err).context(format!("could not start `{program}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_quotes_only_words_a_shell_would_split() {
        let mut cmd = Command::new("cargo");
        cmd.args(["build", "-p", "x", "--config", "a b", "it's"]);
        assert_eq!(display(&cmd), r"cargo build -p x --config 'a b' 'it'\''s'");
    }
}
