//! A throwaway CA and server certificate, made when an HTTPS simulator starts.

use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;

/// The server side of the simulator's TLS, and the CA a client must trust.
pub struct TlsMaterial {
    pub server_config: Arc<ServerConfig>,
    pub ca_pem: String,
}

/// Which server certificate the simulator presents, to rehearse TLS failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertificateKind {
    /// Valid for `127.0.0.1` and `localhost`.
    Valid,
    /// Names the host only in its common name, with no subjectAltName.
    NoSubjectAltName,
    /// Valid names, but expired in 2021.
    Expired,
    /// Valid only for `cer.example.invalid`.
    WrongHost,
}

impl CertificateKind {
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "valid" => Ok(CertificateKind::Valid),
            "no_san" => Ok(CertificateKind::NoSubjectAltName),
            "expired" => Ok(CertificateKind::Expired),
            "wrong_host" => Ok(CertificateKind::WrongHost),
            other => Err(format!(
                "unknown certificate {other:?}: use valid, no_san, expired or wrong_host"
            )),
        }
    }
}

/// Makes a CA and a server certificate of the given kind signed by it.
pub fn generate(kind: CertificateKind) -> Result<TlsMaterial, String> {
    let fail =
        |step: &str, e: &dyn std::fmt::Display| format!("cannot {step} for the simulator: {e}");

    let ca_key = KeyPair::generate().map_err(|e| fail("generate the CA key", &e))?;
    let mut ca_params =
        CertificateParams::new(Vec::<String>::new()).map_err(|e| fail("set up the CA", &e))?;
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "cerapi simulator CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca_params
        .self_signed(&ca_key)
        .map_err(|e| fail("sign the CA", &e))?;
    let ca_pem = ca_cert.pem();
    let issuer = Issuer::new(ca_params, ca_key);

    let leaf_key = KeyPair::generate().map_err(|e| fail("generate the server key", &e))?;
    let names = match kind {
        CertificateKind::NoSubjectAltName => Vec::new(),
        CertificateKind::WrongHost => vec!["cer.example.invalid".to_string()],
        CertificateKind::Valid | CertificateKind::Expired => vec!["localhost".to_string()],
    };
    let mut leaf_params =
        CertificateParams::new(names).map_err(|e| fail("set up the server certificate", &e))?;
    if matches!(kind, CertificateKind::Valid | CertificateKind::Expired) {
        leaf_params
            .subject_alt_names
            .push(SanType::IpAddress(std::net::IpAddr::from([127, 0, 0, 1])));
    }
    if kind == CertificateKind::Expired {
        leaf_params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        leaf_params.not_after = rcgen::date_time_ymd(2021, 1, 1);
    }
    let common_name = if kind == CertificateKind::NoSubjectAltName {
        "127.0.0.1"
    } else {
        "localhost"
    };
    leaf_params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    let leaf_cert = leaf_params
        .signed_by(&leaf_key, &issuer)
        .map_err(|e| fail("sign the server certificate", &e))?;

    let chain = vec![CertificateDer::from(leaf_cert.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server_config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| fail("choose TLS versions", &e))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| fail("load the server certificate", &e))?;

    Ok(TlsMaterial {
        server_config: Arc::new(server_config),
        ca_pem,
    })
}
