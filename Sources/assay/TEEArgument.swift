public import ArgumentParser
public import AttestationCore

extension TEEKind: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

extension EvidenceEncoding: ExpressibleByArgument {}
