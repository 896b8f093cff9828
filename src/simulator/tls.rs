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

/// Makes a CA and a certificate for `127.0.0.1` and `localhost` signed by it.
pub fn generate() -> Result<TlsMaterial, String> {
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
    let mut leaf_params = CertificateParams::new(vec!["localhost".to_string()])
        .map_err(|e| fail("set up the server certificate", &e))?;
    leaf_params
        .subject_alt_names
        .push(SanType::IpAddress(std::net::IpAddr::from([127, 0, 0, 1])));
    leaf_params
        .distinguished_name
        .push(DnType::CommonName, "localhost");
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
