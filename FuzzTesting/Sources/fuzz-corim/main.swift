import FuzzEntryPoints

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { FuzzTargets.fuzz(CoRIMFuzzTarget.self, data, size) }
