import Foundation
import NIOCore

/// The line a long-running `assay tls` command prints on standard error once it listens, naming the bound port
/// (scripts that passed port 0 read it from there).
enum Listening {
    static func announce(_ channel: any Channel, what: String) {
        let address = channel.localAddress
        let host = address?.ipAddress ?? "?"
        let port = address?.port ?? 0
        FileHandle.standardError.write(Data("assay: listening on \(host.contains(":") ? "[\(host)]" : host):\(port): \(what)\n".utf8))
    }
}
