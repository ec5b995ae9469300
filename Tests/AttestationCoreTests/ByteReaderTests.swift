import Testing
@testable import AttestationCore

@Suite struct ByteReaderTests {
    @Test func readsIntegersInBothByteOrders() throws {
        var reader = ByteReader([0x01, 0x02, 0x03, 0x04, 0x05, 0x06])
        #expect(try reader.readLittleEndian(UInt16.self, field: "a") == 0x0201)
        #expect(try reader.readBigEndian(UInt32.self, field: "b") == 0x0304_0506)
        #expect(reader.isAtEnd)
    }

    @Test func truncationNamesTheField() {
        var reader = ByteReader([0x01, 0x02])
        #expect(throws: AttestationCoreError.truncated(field: "SIGNATURE", offset: 0, needed: 4, available: 2)) {
            try reader.read(4, field: "SIGNATURE")
        }
    }

    @Test func negativeCountsAreRejected() {
        var reader = ByteReader([0x01])
        #expect(throws: AttestationCoreError.self) { try reader.read(-1, field: "x") }
    }

    @Test func reservedRangesThatAreSetAreRecorded() throws {
        var reader = ByteReader([0, 0, 1])
        var reserved = ReservedFields()
        try reader.readReserved(2, field: "R1", into: &reserved)
        #expect(reserved.isEmpty && reserved.claim == nil && reserved.note == nil)
        try reader.readReserved(1, field: "R2", into: &reserved)
        #expect(reserved.names == ["R2"] && reserved.claim == .array([.string("R2")]))
        #expect(reserved.note?.contains("R2") == true)
        #expect(throws: AttestationCoreError.truncated(field: "R3", offset: 3, needed: 1, available: 0)) {
            try reader.readReserved(1, field: "R3", into: &reserved)
        }
    }

    @Test func reservedBitsAreNamedOneByOne() {
        var reserved = ReservedFields()
        reserved.noteBits(0b1010_0000, mask: ~UInt64(0x3F), field: "flags")
        #expect(reserved.names == ["flags bit 7"])
        reserved.noteBits(1 << 63, mask: ~UInt64(0xFF), field: "flags")
        #expect(reserved.names == ["flags bit 7", "flags bit 63"])
    }

    @Test func boundsAreCheckedBeforeUse() throws {
        #expect(try ByteReader.bounded(UInt32(10), limit: 10, field: "n") == 10)
        #expect(throws: AttestationCoreError.boundExceeded(field: "n", value: 11, limit: 10)) {
            try ByteReader.bounded(UInt32(11), limit: 10, field: "n")
        }
        #expect(throws: AttestationCoreError.self) { try ByteReader.bounded(UInt64.max, limit: 10, field: "n") }
    }

    @Test func slicesOfSlicesKeepOffsetsRight() throws {
        let bytes: [UInt8] = [9, 9, 1, 2, 3]
        var reader = ByteReader(bytes[2...])
        #expect(Array(try reader.read(2, field: "x")) == [1, 2])
        #expect(reader.offset == 2)
        #expect(throws: AttestationCoreError.trailingBytes(structure: "s", count: 1)) { try reader.expectEnd(of: "s") }
    }
}
