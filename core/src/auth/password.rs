//! argon2id password hashing with the crate's recommended parameters (19 MiB, 2 passes).

use crate::error::{Error, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub const MIN_PASSWORD_CHARS: usize = 8;

pub fn check_strength(password: &str, field: &'static str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::invalid("password_too_short", field, format!("密码至少需要 {MIN_PASSWORD_CHARS} 个字符")));
    }
    if password.trim().is_empty() {
        return Err(Error::invalid("password_blank", field, "密码不能全是空格"));
    }
    Ok(())
}

pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| Error::Db(format!("密码加密失败：{e}")))
}

/// False for a wrong password and for a stored hash that cannot be read.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_argon2id_and_verifies() {
        let h = hash("Passw0rd!").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("Passw0rd!", &h));
        assert!(!verify("passw0rd!", &h));
        assert!(!verify("Passw0rd!", "not a hash"));
    }

    #[test]
    fn refuses_short_passwords() {
        assert_eq!(check_strength("1234567", "password").unwrap_err().code(), "password_too_short");
        assert!(check_strength("12345678", "password").is_ok());
        assert_eq!(check_strength("        ", "password").unwrap_err().code(), "password_blank");
    }
}
