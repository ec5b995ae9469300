/// A firmware version as major.minor.build (CURRENT_* and COMMITTED_* bytes).
public struct FirmwareVersion: Sendable, Hashable, CustomStringConvertible {
    public let major: UInt8
    public let minor: UInt8
    public let build: UInt8

    public init(major: UInt8, minor: UInt8, build: UInt8) {
        self.major = major
        self.minor = minor
        self.build = build
    }

    public var description: String { "\(major).\(minor).\(build)" }
}
