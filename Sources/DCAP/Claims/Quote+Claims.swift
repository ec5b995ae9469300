public import AttestationCore

extension Quote {
    /// The claims the quote itself carries (ARCHITECTURE.md §4 `tdx` / `sgx`), before any collateral is applied.
    public var claims: Claims {
        var claims: Claims = [
            "tee": .string(tee.rawValue),
            "quote_version": .integer(Int64(header.version)),
            "report_data": .hex(body.reportData),
            "header": .object([
                "att_key_type": .integer(Int64(header.attestationKeyType)),
                "tee_type": .integer(Int64(header.teeType)),
                "qe_svn": .integer(Int64(header.qeSVN)),
                "pce_svn": .integer(Int64(header.pceSVN)),
                "qe_vendor_id": .hex(header.qeVendorID),
                "user_data": .hex(header.userData),
            ]),
            "qe": .object([
                "mr_enclave": .hex(qe.qeReport.mrEnclave),
                "mr_signer": .hex(qe.qeReport.mrSigner),
                "isv_prod_id": .integer(Int64(qe.qeReport.isvProdID)),
                "isv_svn": .integer(Int64(qe.qeReport.isvSVN)),
            ]),
        ]
        switch body {
        case .td(let report): claims.merge(report.claims) { _, new in new }
        case .enclave(let report): claims.merge(report.claims) { _, new in new }
        }
        if let bodyType { claims["body_type"] = .integer(Int64(bodyType)) }
        if let reserved = reservedFields.claim { claims["reserved_nonzero"] = reserved }
        return claims
    }
}

extension TDReportBody {
    /// The TD's claims: measurements, RTMRs, attributes and TCB SVNs.
    public var claims: Claims {
        var claims: Claims = [
            "tee_tcb_svn": .hex(teeTCBSVN),
            "mr_seam": .hex(mrSeam),
            "mr_signer_seam": .hex(mrSignerSeam),
            "seam_attributes": .hex(seamAttributes),
            "td_attributes": tdAttributes.claim,
            "xfam": .hex(xfam),
            "mr_td": .hex(mrTD),
            "mr_config_id": .hex(mrConfigID),
            "mr_owner": .hex(mrOwner),
            "mr_owner_config": .hex(mrOwnerConfig),
        ]
        for (index, rtmr) in rtmrs.enumerated() { claims["rtmr\(index)"] = .hex(rtmr) }
        if let teeTCBSVN2 { claims["tee_tcb_svn2"] = .hex(teeTCBSVN2) }
        if let mrServiceTD { claims["mr_service_td"] = .hex(mrServiceTD) }
        return claims
    }
}

extension TDAttributes {
    /// `{"raw": hex, "debug", "sept_ve_disable", "pks", "key_locker", "perfmon"}`.
    public var claim: JSONValue {
        .object([
            "raw": .hex(bytes), "debug": .bool(debug), "sept_ve_disable": .bool(septVEDisable), "pks": .bool(pks),
            "key_locker": .bool(keyLocker), "perfmon": .bool(perfmon),
        ])
    }
}

extension EnclaveReportBody {
    /// The enclave's claims: identity, attributes and SVNs.
    public var claims: Claims {
        [
            "mr_enclave": .hex(mrEnclave),
            "mr_signer": .hex(mrSigner),
            "isv_prod_id": .integer(Int64(isvProdID)),
            "isv_svn": .integer(Int64(isvSVN)),
            "attributes": attributes.claim,
            "cpu_svn": .hex(cpuSVN),
            "misc_select": .integer(Int64(miscSelect)),
            "isv_ext_prod_id": .hex(isvExtProdID),
            "config_id": .hex(configID),
            "config_svn": .integer(Int64(configSVN)),
            "isv_family_id": .hex(isvFamilyID),
        ]
    }
}

extension EnclaveAttributes {
    /// `{"raw": hex, "debug", "mode64bit", "provision_key", "einittoken_key", "kss", "aex_notify", "xfrm": hex}`.
    public var claim: JSONValue {
        .object([
            "raw": .hex(bytes), "debug": .bool(debug), "mode64bit": .bool(mode64Bit), "init": .bool(initted),
            "provision_key": .bool(provisionKey), "einittoken_key": .bool(einitTokenKey), "kss": .bool(kss),
            "aex_notify": .bool(aexNotify), "xfrm": .hex(bytes.suffix(8)),
        ])
    }
}
