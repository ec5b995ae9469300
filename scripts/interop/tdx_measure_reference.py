#!/usr/bin/env python3
"""Independent reference for `assay measure tdx`'s MRTD, written from the specifications, not from Assay's Swift.

Usage: tdx_measure_reference.py FIRMWARE...   (prints one MRTD in hex per firmware image, in order)

Sources: the OVMF GUIDed footer table (OvmfPkg/ResetVector: entries `data || u16 length || GUID`, read backwards from
the table-footer GUID 32 bytes before the image's end); the TDX metadata offset entry (GUID
e47a6535-984a-4798-865e-4685a7bf8ec2, a u32 offset from the image's end) and the TDVF descriptor (TDX Virtual
Firmware Design Guide: "TDVF", length, version 1, section count, then 32-byte TDVF_SECTIONs); the Intel TDX Module
ABI for TDH.MEM.PAGE.ADD and TDH.MR.EXTEND (128-byte blocks: operation name padded to 16 bytes, GPA little-endian,
zeroes; MR.EXTEND then hashes the 256-byte chunk); Linux KVM's KVM_TDX_INIT_MEM_REGION, which adds each page and
then extends its chunks when the region is measured; QEMU, which initialises each section in metadata order and
skips none but PAGE.AUG ones.
"""
import hashlib
import struct
import sys
import uuid

FOOTER = uuid.UUID("96b582de-1fb2-45f7-baea-a366c55a082d").bytes_le
TDX_METADATA = uuid.UUID("e47a6535-984a-4798-865e-4685a7bf8ec2").bytes_le
PAGE = 4096


def footer_entries(image):
    end = len(image) - 32
    assert image[end - 16:end] == FOOTER, "no OVMF footer table"
    table_length = struct.unpack_from("<H", image, end - 18)[0]
    start = end - table_length
    end -= 18
    entries = {}
    while end > start:
        guid = image[end - 16:end]
        length = struct.unpack_from("<H", image, end - 18)[0]
        entries[guid] = image[end - length:end - 18]
        end -= length
    return entries


def sections(image):
    offset = struct.unpack_from("<I", footer_entries(image)[TDX_METADATA])[0]
    base = len(image) - offset
    signature, _length, version, count = struct.unpack_from("<4sIII", image, base)
    assert signature == b"TDVF" and version == 1
    return [struct.unpack_from("<IIQQII", image, base + 16 + 32 * i) for i in range(count)]


def mrtd(image):
    digest = hashlib.sha384()
    for data_offset, raw_size, address, memory_size, _kind, attributes in sections(image):
        if attributes & 2:                      # PAGE.AUG: not added at build time
            continue
        memory = image[data_offset:data_offset + raw_size] + bytes(memory_size - raw_size)
        for page in range(0, memory_size, PAGE):
            gpa = address + page
            digest.update(b"MEM.PAGE.ADD".ljust(16, b"\0") + struct.pack("<Q", gpa) + bytes(104))
            if attributes & 1:                  # MR.EXTEND
                for chunk in range(0, PAGE, 256):
                    digest.update(b"MR.EXTEND".ljust(16, b"\0") + struct.pack("<Q", gpa + chunk) + bytes(104))
                    digest.update(memory[page + chunk:page + chunk + 256])
    return digest.hexdigest()


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, "rb") as firmware:
            print(mrtd(firmware.read()))
