//! Password hashing with argon2id, off the async threads. Verifying against a fixed dummy hash when the user
//! does not exist makes a wrong username cost the same time as a wrong password.

use crate::{ServiceError, ServiceResult};
use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use domain::account::Password;
use std::sync::LazyLock;

/// A valid hash of a random password nobody knows, verified against when the account does not exist.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(uuid::Uuid::now_v7().to_string().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

/// Hashes a new password (argon2id, default parameters, random salt).
pub async fn hash(password: &Password) -> ServiceResult<String> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|hash| hash.to_string())
    })
    .await
    .map_err(|err| ServiceError::Invalid(format!("password hashing stopped: {err}")))?
    .map_err(|err| ServiceError::Invalid(format!("password hashing failed: {err}")))
}

/// Whether `candidate` matches `stored`; with `stored = None` it checks a dummy hash and answers false.
pub async fn verify(stored: Option<String>, candidate: &str) -> bool {
    let candidate = candidate.to_owned();
    let exists = stored.is_some();
    let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
    let matched = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .is_ok_and(|hash| Argon2::default().verify_password(candidate.as_bytes(), &hash).is_ok())
    })
    .await
    .unwrap_or(false);
    exists && matched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let password = Password::parse("budaya-demo").expect("valid");
        let stored = hash(&password).await.expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify(Some(stored.clone()), "budaya-demo").await);
        assert!(!verify(Some(stored), "budaya-demo!").await);
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        assert!(!verify(None, "anything-at-all").await);
    }
}
