//! `cargo xtask run`: build everything, then hand the terminal to the server.

use std::env;
use std::fs;
use std::process::Command;

use anyhow::{Context, Result};

use crate::mail_catcher::MailCatcher;
use crate::workspace::Workspace;
use crate::{cmd, dist};

const SERVER_PACKAGE: &str = "pentahelix-server";

/// What a developer wants by default: the demo data on a local port, served from the fresh
/// `dist/`. Paths are relative to the workspace root, where the server runs. Each default gives
/// way to the same option on the command line or to the server's environment variable for it.
const DEFAULT_OPTIONS: [(&str, &str, &str); 3] = [
    ("--listen", "PENTAHELIX_LISTEN", "127.0.0.1:8080"),
    (
        "--database-url",
        "DATABASE_URL",
        "sqlite://data/pentahelix.db",
    ),
    ("--static-dir", "PENTAHELIX_STATIC_DIR", "dist"),
];
const DEFAULT_FLAGS: [(&str, &str); 1] = [("--demo", "PENTAHELIX_DEMO")];
/// The address `cargo xtask run` invites as an official of the demo city.
const DEMO_OFFICIAL: &str = "petugas.demo@contoh.id";

pub fn run(ws: &Workspace, extra: &[String]) -> Result<()> {
    dist::build(ws)?;

    let mut cargo = ws.cargo();
    cargo.args(["build", "-p", SERVER_PACKAGE, "--release"]);
    cmd::run(&mut cargo)?;

    let data = ws.root.join("data");
    fs::create_dir_all(&data).with_context(|| format!("could not create {}", data.display()))?;

    let binary = ws
        .target_dir
        .join("release")
        .join(format!("{SERVER_PACKAGE}{}", env::consts::EXE_SUFFIX));
    let mut args = server_args(extra, |name| env::var_os(name).is_some());
    // Mail goes to a local catcher unless a mail server is given, so sign-in works at once.
    let given_smtp = env::var_os("PENTAHELIX_SMTP_URL").is_some()
        || args.iter().any(|arg| arg.starts_with("--smtp-url"));
    let inbox = if given_smtp {
        None
    } else {
        let catcher = MailCatcher::start_usual(ws)?;
        args.extend(["--smtp-url".to_owned(), catcher.smtp_url.clone()]);
        let inbox = catcher.inbox_url.clone();
        catcher.keep_running();
        Some(inbox)
    };
    // An official to try the workspace with: they sign in like everyone else, with a code that
    // arrives in the local inbox.
    if inbox.is_some() {
        let mut invite = Command::new(&binary);
        invite.current_dir(&ws.root).args([
            "admin",
            "invite",
            "--email",
            DEMO_OFFICIAL,
            "--region",
            "32.73",
            "--role",
            "manager",
        ]);
        if let Some(url) = option_value(&args, "--database-url") {
            invite.args(["--database-url", &url]);
        }
        cmd::run(&mut invite)?;
    }
    let mut server = Command::new(binary);
    server.current_dir(&ws.root).arg("serve").args(&args);
    match listen_url(&args) {
        Some(url) => println!("xtask: starting the server on {url} (Ctrl-C stops it)"),
        None => println!("xtask: starting the server (Ctrl-C stops it)"),
    }
    if let Some(inbox) = inbox {
        println!(
            "xtask: mails (sign-in codes, notifications) arrive in the local inbox at {inbox}"
        );
        println!(
            "xtask: to try the officials' workspace, sign in under \"Milik saya\" as \
             {DEMO_OFFICIAL} (manager of Kota Bandung)"
        );
    }
    println!("$ {}", cmd::display(&server));
    cmd::exec(&mut server)
}

/// Our defaults followed by the caller's arguments, leaving out each default the caller gives
/// (clap rejects an option given twice, so "last one wins" is not available).
fn server_args(extra: &[String], env_set: impl Fn(&str) -> bool) -> Vec<String> {
    let given = |flag: &str, env: &str| {
        env_set(env)
            || extra
                .iter()
                .any(|arg| arg == flag || arg.starts_with(&format!("{flag}=")))
    };
    let mut args = Vec::new();
    for (flag, env, value) in DEFAULT_OPTIONS {
        if !given(flag, env) {
            args.extend([flag.to_owned(), value.to_owned()]);
        }
    }
    args.extend(
        DEFAULT_FLAGS
            .iter()
            .filter(|(flag, env)| !given(flag, env))
            .map(|(flag, _)| flag.to_string()),
    );
    args.extend(extra.iter().cloned());
    args
}

/// The value of the last `flag` in `args` (`--flag VALUE` or `--flag=VALUE`).
fn option_value(args: &[String], flag: &str) -> Option<String> {
    let position = args
        .iter()
        .rposition(|arg| arg == flag || arg.starts_with(&format!("{flag}=")))?;
    match args[position].split_once('=') {
        Some((_, value)) => Some(value.to_owned()),
        None => args.get(position + 1).cloned(),
    }
}

/// The address to open, when the arguments fix one; with port 0 only the server knows it.
fn listen_url(args: &[String]) -> Option<String> {
    let position = args.iter().rposition(|arg| arg.starts_with("--listen"))?;
    let address = match args[position].strip_prefix("--listen=") {
        Some(address) => address,
        None => args.get(position + 1)?,
    };
    (!address.ends_with(":0")).then(|| format!("http://{address}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> bool {
        false
    }

    #[test]
    fn a_server_environment_variable_replaces_the_default() {
        let args = server_args(&[], |name| {
            name == "PENTAHELIX_LISTEN" || name == "PENTAHELIX_DEMO"
        });
        assert!(!args.contains(&"--listen".to_string()));
        assert!(!args.contains(&"--demo".to_string()));
        assert!(args.contains(&"--static-dir".to_string()));
    }

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn without_extra_arguments_the_defaults_are_used() {
        assert_eq!(
            server_args(&[], no_env),
            strings(&[
                "--listen",
                "127.0.0.1:8080",
                "--database-url",
                "sqlite://data/pentahelix.db",
                "--static-dir",
                "dist",
                "--demo",
            ])
        );
    }

    #[test]
    fn an_option_given_by_the_caller_replaces_the_default() {
        let args = server_args(&strings(&["--listen", "127.0.0.1:0", "--demo"]), no_env);
        assert_eq!(args.iter().filter(|arg| *arg == "--listen").count(), 1);
        assert_eq!(args.iter().filter(|arg| *arg == "--demo").count(), 1);
        assert!(args.ends_with(&strings(&["--listen", "127.0.0.1:0", "--demo"])));
    }

    #[test]
    fn the_url_follows_the_last_listen_address_unless_the_port_is_chosen_by_the_system() {
        assert_eq!(
            listen_url(&server_args(&[], no_env)).as_deref(),
            Some("http://127.0.0.1:8080/")
        );
        let equals = strings(&["--listen=0.0.0.0:3000"]);
        assert_eq!(
            listen_url(&server_args(&equals, no_env)).as_deref(),
            Some("http://0.0.0.0:3000/")
        );
        let any_port = strings(&["--listen", "127.0.0.1:0"]);
        assert_eq!(listen_url(&server_args(&any_port, no_env)), None);
    }

    #[test]
    fn the_database_the_server_gets_is_the_one_the_official_is_invited_to() {
        let args = server_args(&strings(&["--database-url=sqlite://x.db"]), no_env);
        assert_eq!(
            option_value(&args, "--database-url").as_deref(),
            Some("sqlite://x.db")
        );
        let args = server_args(&[], no_env);
        assert_eq!(
            option_value(&args, "--database-url").as_deref(),
            Some("sqlite://data/pentahelix.db")
        );
        assert_eq!(option_value(&args, "--smtp-url"), None);
    }

    #[test]
    fn the_equals_form_counts_as_given() {
        let args = server_args(&strings(&["--static-dir=elsewhere"]), no_env);
        assert!(!args.contains(&"dist".to_string()));
    }
}
