use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pentahelix_core::validate::Scope;
use pentahelix_core::{RegionCode, RegionLevel, Regions};

use crate::cli::{ModerationMode, ServeArgs};
use crate::error::Error;
use crate::features::FeatureCache;
use crate::http::client::{ClientKey, Clients};
use crate::http::middleware::public_cache::PublicCache;
use crate::http::middleware::rate_limit::{Limit, Limiter, Limits};
use crate::mail::Mailer;
use crate::notify::attempt::Pace;
use crate::store::Store;
use tokio::sync::Notify;

/// What every handler may read. Cheap to clone: one `Arc`.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Box<dyn Store>,
    features: FeatureCache,
    public_cache: Arc<PublicCache>,
    regions: Regions,
    cities: Vec<RegionCode>,
    static_dir: PathBuf,
    moderation: ModerationMode,
    report_threshold: u32,
    allowed_origins: Vec<String>,
    other_apis: Vec<String>,
    limits: Arc<Limits>,
    /// Keys the reporter hashes. Random, made once per database and kept in it (`server_keys`),
    /// so every process — and the same process after a restart — hashes one address alike:
    /// otherwise one person could count as several reporters by reaching several processes.
    /// Never sent anywhere; whoever holds a copy of the database can test guessed addresses
    /// against its report hashes, as they could read the reports themselves.
    reporter_key: Vec<u8>,
    /// Signs unsubscribe links; kept in the database like `reporter_key`, so a link works on
    /// every process and after restarts.
    mail_key: Vec<u8>,
    /// The mail server, when `--smtp-url` is given.
    mailer: Option<Arc<Mailer>>,
    delivery: Delivery,
    public_url: String,
}

/// How this process delivers the outbox: mails through the mailer, webhooks over HTTP.
#[derive(Clone)]
pub struct Delivery {
    pub pace: Pace,
    /// Wakes this process's delivery worker when a request wrote the outbox.
    pub wake: Arc<Notify>,
    pub http: reqwest::Client,
}

/// The keys a deployment keeps in its database (`server_keys`).
pub struct Keys {
    pub reporter: Vec<u8>,
    pub mail: Vec<u8>,
}

impl AppState {
    /// Opens the store named by `--database-url` and checks the configuration.
    pub async fn open(args: &ServeArgs) -> Result<AppState, Error> {
        let store = crate::store::open(&args.database_url).await?;
        let mut keys = Vec::new();
        for name in ["reporter", "mail"] {
            let mut candidate = [0u8; 32];
            getrandom::fill(&mut candidate)
                .map_err(|e| Error::Internal(format!("random key: {e}")))?;
            keys.push(
                store
                    .server_key(name, &candidate, chrono::Utc::now())
                    .await?,
            );
        }
        let mail = keys.pop().unwrap_or_default();
        let reporter = keys.pop().unwrap_or_default();
        AppState::new(args, store, Keys { reporter, mail })
    }

    pub fn new(args: &ServeArgs, store: Box<dyn Store>, keys: Keys) -> Result<AppState, Error> {
        let timeout = Duration::from_secs(args.smtp_timeout_seconds.max(1));
        let mailer = match &args.smtp_url {
            Some(url) => Some(Arc::new(Mailer::new(url, &args.mail_from, timeout)?)),
            None => None,
        };
        let delivery = Delivery {
            pace: Pace {
                timeout,
                retry_base: Duration::from_secs(args.mail_retry_seconds.max(1)),
                max_attempts: 8,
            },
            wake: Arc::new(Notify::new()),
            // No redirects: a webhook's address is the one its operator gave, not one its
            // server sends deliveries on to.
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(timeout)
                .build()
                .map_err(|e| Error::Config(format!("the webhook client: {e}")))?,
        };
        let public_url = args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", args.listen))
            .trim_end_matches('/')
            .to_owned();
        let regions = Regions::national();
        let cities = if args.cities.is_empty() {
            Regions::builtin_cities()
        } else {
            args.cities.clone()
        };
        for city in &cities {
            if city.level() != RegionLevel::City || !regions.contains(*city) {
                return Err(Error::Config(format!(
                    "--cities: `{city}` is not the Kemendagri code of a city or regency \
                     (Kota Bandung is 32.73)"
                )));
            }
        }
        Ok(AppState {
            inner: Arc::new(Inner {
                store,
                features: FeatureCache::default(),
                public_cache: Arc::new(PublicCache::new(Duration::from_millis(
                    args.public_cache_ms,
                ))),
                regions,
                cities,
                static_dir: args.static_dir.clone(),
                moderation: args.moderation,
                report_threshold: args.report_threshold.max(1),
                allowed_origins: args.allowed_origins.clone(),
                other_apis: args.other_apis.clone(),
                limits: Arc::new(Limits {
                    // A burst of a quarter of a minute's allowance: a page load fires several
                    // reads.
                    reads: Limiter::new(Limit {
                        per_minute: args.rate_limit_reads,
                        burst: (args.rate_limit_reads / 4).max(10),
                    }),
                    writes: Limiter::new(Limit {
                        per_minute: args.rate_limit_writes,
                        burst: (args.rate_limit_writes / 4).max(3),
                    }),
                    // A sixth of the writes: five codes a minute by default, more than a person
                    // mistyping an address needs, few enough that nobody mails a list.
                    sign_in: Limiter::new(Limit {
                        per_minute: (args.rate_limit_writes / 6).max(1),
                        burst: (args.rate_limit_writes / 6).clamp(1, 5),
                    }),
                    clients: Clients {
                        trusted_proxies: args.trusted_proxies.clone(),
                    },
                }),
                reporter_key: keys.reporter,
                mail_key: keys.mail,
                mailer,
                delivery,
                public_url,
            }),
        })
    }

    /// The areas a list may look in: the served cities, narrowed to `region` when given.
    pub fn areas(&self, region: Option<RegionCode>) -> Vec<RegionCode> {
        match region {
            Some(region) => self
                .cities()
                .iter()
                .filter(|c| c.contains(region) || region.contains(**c))
                .map(|c| if c.contains(region) { region } else { *c })
                .collect(),
            None => self.cities().to_vec(),
        }
    }

    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    /// Matching features in memory, checked against the database's change counters.
    pub fn features(&self) -> &FeatureCache {
        &self.inner.features
    }

    /// Anonymous answers kept for a moment (`--public-cache-ms`).
    pub fn public_cache(&self) -> Arc<PublicCache> {
        self.inner.public_cache.clone()
    }

    pub fn regions(&self) -> &Regions {
        &self.inner.regions
    }

    /// The cities this deployment serves, in the order given.
    pub fn cities(&self) -> &[RegionCode] {
        &self.inner.cities
    }

    /// The served areas an admin of `regions` looks after: a served city inside one of them, or
    /// one of them inside a served city.
    pub fn administered(&self, regions: &[RegionCode]) -> Vec<RegionCode> {
        self.cities()
            .iter()
            .flat_map(|city| {
                regions.iter().filter_map(move |r| {
                    if r.contains(*city) {
                        Some(*city)
                    } else if city.contains(*r) {
                        Some(*r)
                    } else {
                        None
                    }
                })
            })
            .collect()
    }

    /// Whether `code` lies in (or contains) a served city.
    pub fn serves(&self, code: RegionCode) -> bool {
        self.cities()
            .iter()
            .any(|c| c.contains(code) || code.contains(*c))
    }

    pub fn scope(&self) -> Scope<'_> {
        Scope {
            served: self.cities(),
            regions: self.regions(),
        }
    }

    pub fn static_dir(&self) -> &std::path::Path {
        &self.inner.static_dir
    }

    pub fn moderation(&self) -> ModerationMode {
        self.inner.moderation
    }

    pub fn report_threshold(&self) -> u32 {
        self.inner.report_threshold
    }

    pub fn allowed_origins(&self) -> &[String] {
        &self.inner.allowed_origins
    }

    pub fn other_apis(&self) -> &[String] {
        &self.inner.other_apis
    }

    pub fn limits(&self) -> Arc<Limits> {
        self.inner.limits.clone()
    }

    /// The mail server, when one is configured.
    pub fn mailer(&self) -> Option<&Arc<Mailer>> {
        self.inner.mailer.as_ref()
    }

    pub fn delivery(&self) -> &Delivery {
        &self.inner.delivery
    }

    /// Tells this process's delivery worker the outbox has news, so a notification leaves at
    /// once rather than at the next poll.
    pub fn outbox_written(&self) {
        self.inner.delivery.wake.notify_one();
    }

    pub fn mail_key(&self) -> &[u8] {
        &self.inner.mail_key
    }

    /// The base of links in mails, without a trailing `/`.
    pub fn public_url(&self) -> &str {
        &self.inner.public_url
    }

    /// Who reported, as a keyed hash of the address: enough to count people, not to find them.
    pub fn reporter_hash(&self, client: ClientKey) -> Vec<u8> {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(&self.inner.reporter_key);
        hasher.update(client.to_string().as_bytes());
        hasher.finalize().to_vec()
    }
}

impl axum::extract::FromRef<AppState> for Clients {
    fn from_ref(state: &AppState) -> Clients {
        state.inner.limits.clients.clone()
    }
}
