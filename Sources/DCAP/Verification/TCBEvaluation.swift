/// A platform's TCB status computed from TCB info exactly as Intel's Quote Verification Library does
/// (`TcbLevelCheck.cpp`, `TdxModuleCheck.cpp`, `TDRelaunchCheck.cpp`), with the levels that decided it.
///
/// 1. The SGX level is the first level (QVL order) whose 16 SGX components and PCE SVN the PCK certificate meets.
/// 2. For TDX, the TDX level is the first such level whose TDX components TEE_TCB_SVN also meets (bytes 0 and 1,
///    the module SVN and version, are skipped when the module version is non-zero: the module identity judges them).
/// 3. For TDX modules with a non-zero version, `TDX_<version>`'s levels give the module status, folded in.
/// 4. TD report 1.5 quotes may become `TDRelaunchAdvised` when a newer module already runs (TEE_TCB_SVN2).
/// 5. The QE identity status, when known, is folded in last.
public struct TCBEvaluation: Sendable, Hashable {
    /// The final status.
    public let status: TCBStatus
    /// The level whose status and advisories apply (the TDX level for TDX, the SGX level for SGX).
    public let level: TCBLevel?
    /// The TDX module identity that applied, if any.
    public let moduleIdentity: TDXModuleIdentity?
    /// The module's own TCB level, if the module identity has levels.
    public let moduleLevel: IdentityTCBLevel?
    /// Why the TDX module does not match the TCB info (`STATUS_TDX_MODULE_MISMATCH`), if it does not.
    public let moduleMismatch: String?

    /// Evaluates a platform. `teeTCBSVN`/`teeTCBSVN2`, `mrSignerSeam` and `seamAttributes` come from a TD report.
    public static func evaluate(
        tcbInfo: TCBInfo, pck: SGXExtensions, td: TDReportBody?, quoteVersion: UInt16, qeStatus: TCBStatus?
    ) -> TCBEvaluation {
        let isTDX = tcbInfo.version >= 3 && tcbInfo.id == TCBInfo.tdxID && td != nil
        let levels = tcbInfo.orderedLevels
        var sgxLevel: TCBLevel?
        var tdxLevel: TCBLevel?
        for level in levels where meets(pck.tcbComponents, level.sgxComponents) && pck.pceSVN >= level.pceSVN {
            guard isTDX, let td else {
                sgxLevel = level
                break
            }
            if sgxLevel == nil { sgxLevel = level }
            if let tdxComponents = level.tdxComponents, meetsTDX(td.teeTCBSVN, tdxComponents) {
                tdxLevel = level
                break
            }
        }
        guard isTDX, let td else {
            guard let sgxLevel else { return TCBEvaluation(status: .notSupported) }
            return TCBEvaluation(status: qeStatus.map { sgxLevel.status.converged(withComponent: $0) } ?? sgxLevel.status, level: sgxLevel)
        }
        let module = ModuleCheck(tcbInfo: tcbInfo, td: td, quoteVersion: quoteVersion)
        func result(_ status: TCBStatus, mismatch: String? = nil) -> TCBEvaluation {
            TCBEvaluation(
                status: status, level: tdxLevel, moduleIdentity: module.identity, moduleLevel: module.level,
                moduleMismatch: mismatch ?? module.mismatch)
        }
        if module.mismatch != nil { return result(.notSupported) }
        guard let sgxLevel, let tdxLevel else { return result(.notSupported) }
        guard let moduleStatus = module.status else { return result(.notSupported) }
        var status = tdxLevel.status.converged(withComponent: moduleStatus)
        if status == .revoked { return result(status) }
        if let svn2 = td.teeTCBSVN2 {
            switch relaunch(
                svn2: svn2, levels: levels, tcbInfo: tcbInfo, sgx: sgxLevel.status, tdx: status, module: moduleStatus,
                qe: qeStatus)
            {
            case .success(let relaunched): status = relaunched
            case .failure(let mismatch): return result(.notSupported, mismatch: mismatch.reason)
            }
        }
        if let qeStatus { status = status.converged(withComponent: qeStatus) }
        return result(status)
    }

    /// The TDX module part (QVL `QuoteVerifier` 4.1.2.4.11 and `checkTdxModuleTcbStatus`): which identity applies,
    /// whether the TD's module matches it, and the module's own TCB level.
    struct ModuleCheck {
        var identity: TDXModuleIdentity?
        var level: IdentityTCBLevel?
        var mismatch: String?
        /// The module's status: UpToDate for version 0 modules, the level's otherwise, nil below every level.
        var status: TCBStatus?

        init(tcbInfo: TCBInfo, td: TDReportBody, quoteVersion: UInt16) {
            let version = td.teeTCBSVN[1]
            let versioned = quoteVersion > 3 && version > 0
            if versioned {
                identity = moduleIdentity(version, in: tcbInfo)
                guard identity != nil else {
                    mismatch = "TCB info has no TDX module identity \(moduleID(version))"
                    return
                }
            }
            guard let expected = identity ?? tcbInfo.tdxModule else {
                mismatch = "TCB info has no tdxModule"
                return
            }
            guard expected.matches(mrSignerSeam: td.mrSignerSeam, seamAttributes: td.seamAttributes) else {
                mismatch = "MRSIGNERSEAM/SEAMATTRIBUTES of the TD differ from \(expected.id ?? "tdxModule") of the TCB info"
                return
            }
            guard versioned, let identity else {
                status = .upToDate
                return
            }
            level = IdentityTCBLevel.matching(UInt16(td.teeTCBSVN[0]), in: identity.tcbLevels)
            status = level?.status
        }
    }

    struct ModuleMismatch: Error { let reason: String }

    /// QVL `checkForRelaunch`: a TD still on an out-of-date module is advised to relaunch when the platform
    /// already runs a module (TEE_TCB_SVN2) at the latest level.
    static func relaunch(
        svn2: [UInt8], levels: [TCBLevel], tcbInfo: TCBInfo, sgx: TCBStatus, tdx: TCBStatus, module: TCBStatus,
        qe: TCBStatus?
    ) -> Result<TCBStatus, ModuleMismatch> {
        let qeBlocks = qe.map { [.outOfDate, .revoked, .notSupported].contains($0) } ?? false
        guard !qeBlocks, [.upToDate, .swHardeningNeeded, .configurationNeeded, .configurationAndSWHardeningNeeded].contains(sgx),
            [.outOfDate, .outOfDateConfigurationNeeded].contains(tdx), module == .outOfDate
        else { return .success(tdx) }
        guard let latest = levels.first, let latestTDX = latest.tdxComponents else { return .success(.notSupported) }
        let moduleCurrent: Bool
        if svn2[1] == 0 {
            moduleCurrent = svn2[0] >= latestTDX[0]
        } else {
            guard let identity = moduleIdentity(svn2[1], in: tcbInfo) else {
                return .failure(ModuleMismatch(reason: "TCB info has no TDX module identity \(moduleID(svn2[1])) for TEE_TCB_SVN2"))
            }
            guard let latestModule = identity.tcbLevels.max(by: { $0.isvSVN < $1.isvSVN }) else { return .success(.notSupported) }
            moduleCurrent = UInt16(svn2[0]) >= latestModule.isvSVN
        }
        guard moduleCurrent, svn2[2] >= latestTDX[2] else { return .success(tdx) }
        return .success(sgx.needsConfiguration || tdx.needsConfiguration ? .tdRelaunchAdvisedConfigurationNeeded : .tdRelaunchAdvised)
    }

    /// `TDX_<version>`, as the TCB info names module identities (upper-case hex).
    static func moduleID(_ version: UInt8) -> String {
        "TDX_" + (version < 0x10 ? "0" : "") + String(version, radix: 16, uppercase: true)
    }

    static func moduleIdentity(_ version: UInt8, in tcbInfo: TCBInfo) -> TDXModuleIdentity? {
        let wanted = moduleID(version)
        return tcbInfo.tdxModuleIdentities.first { $0.id?.uppercased() == wanted }
    }

    static func meets(_ platform: [UInt8], _ required: [UInt8]) -> Bool {
        zip(platform, required).allSatisfy { $0 >= $1 }
    }

    /// QVL `isTdxTcbHigherOrEqual`: from byte 2 when the module version (byte 1) is non-zero.
    static func meetsTDX(_ teeTCBSVN: [UInt8], _ required: [UInt8]) -> Bool {
        let start = teeTCBSVN[1] > 0 ? 2 : 0
        return (start..<16).allSatisfy { teeTCBSVN[$0] >= required[$0] }
    }

    init(
        status: TCBStatus, level: TCBLevel? = nil, moduleIdentity: TDXModuleIdentity? = nil,
        moduleLevel: IdentityTCBLevel? = nil, moduleMismatch: String? = nil
    ) {
        self.status = status
        self.level = level
        self.moduleIdentity = moduleIdentity
        self.moduleLevel = moduleLevel
        self.moduleMismatch = moduleMismatch
    }
}
