public import AttestationCore
import Foundation

/// Vendor files as the KDS responses they answer, to import into the collateral cache (`assay collateral import`).
extension AMDKDS {
    /// The VCEKs, certificate chains (ASK or ASVK with its ARK) and ARK CRLs of `collateral` as responses to their
    /// KDS URLs; and what could not be imported, and why (a VLEK has no KDS URL: cloud providers issue it).
    public func imports(from collateral: SNPCollateral) -> (documents: [ImportedCollateral], skipped: [String]) {
        var documents: [ImportedCollateral] = []
        var skipped: [String] = []
        let arks = collateral.certificates.filter { $0.role == .ark }
        for certificate in collateral.certificates {
            let name = certificate.name
            guard certificate.role != .other, certificate.role != .ark else { continue }
            guard let generation = certificate.generation else {
                skipped.append("'\(name)': no product name, so no KDS URL")
                continue
            }
            switch certificate.role {
            case .vcek:
                guard let hwid = certificate.extensions.hardwareID, let tcb = certificate.extensions.tcb(layout: generation.tcbLayout)
                else {
                    skipped.append("'\(name)': the VCEK lacks its hwID or SPL extensions")
                    continue
                }
                documents.append(
                    ImportedCollateral(
                        url: vcekURL(generation: generation, chipID: hwid, tcb: tcb),
                        response: CollateralResponse(body: certificate.certificate.derBytes),
                        issued: certificate.certificate.notBefore, description: "\(generation) VCEK for \(tcb)"))
            case .ask, .asvk:
                guard let ark = arks.first(where: { $0.generation == generation }) else {
                    skipped.append("'\(name)': its ARK is not among the files, so its cert_chain cannot be formed")
                    continue
                }
                let signer: SigningKey = certificate.role == .asvk ? .vlek : .vcek
                let pem = [certificate, ark].map { PEM.encode($0.certificate.derBytes, label: "CERTIFICATE") }.joined()
                documents.append(
                    ImportedCollateral(
                        url: certificateChainURL(generation: generation, signer: signer),
                        response: CollateralResponse(body: Array(pem.utf8)), issued: certificate.certificate.notBefore,
                        description: "\(generation) \(signer) certificate chain (\(certificate.role.rawValue.uppercased()) and ARK)"))
            case .vlek:
                skipped.append("'\(name)': a VLEK is issued by the cloud provider, not served by KDS; pass it with --collateral")
            case .ark, .other:
                continue
            }
        }
        // Without any ARK among the files a CRL is taken for another vendor's (Intel's) and left to its importer.
        for crl in collateral.crls where !arks.isEmpty {
            guard let ark = arks.first(where: { $0.certificate.subjectBytes == crl.issuerBytes }), let generation = ark.generation
            else {
                skipped.append("a CRL whose issuer is no ARK among the files (an AMD CRL needs its cert_chain alongside)")
                continue
            }
            for signer in [SigningKey.vcek, .vlek] {
                documents.append(
                    ImportedCollateral(
                        url: crlURL(generation: generation, signer: signer), response: CollateralResponse(body: crl.derBytes),
                        issued: crl.thisUpdate, description: "\(generation) ARK CRL, this update \(RFC3339.format(crl.thisUpdate))"))
            }
        }
        return (documents, skipped)
    }
}
