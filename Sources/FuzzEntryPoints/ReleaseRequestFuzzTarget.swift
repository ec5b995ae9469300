import Server

/// `release-request`: the body of `POST /v1/secrets/{path}/release` (public route) through ``ReleaseRequest``.
public enum ReleaseRequestFuzzTarget: FuzzTarget {
    public static let name = "release-request"

    public static func run(_ bytes: [UInt8]) {
        _ = try? ReleaseRequest(body: bytes)
    }
}
