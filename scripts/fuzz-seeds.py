#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target from the real-hardware vectors and OPA's conformance suite.

Usage: scripts/fuzz-seeds.py TARGET VECTORS OPA_CONFORMANCE OUT_DIR

Called by scripts/fuzz.sh into a scratch folder at every run; the vectors are never copied into the repository.
Inputs of targets with a selector byte or several parts are laid out as Sources/FuzzEntryPoints/FuzzInput.swift
reads them. Prints how many seeds it wrote; a missing folder contributes none.
"""
import base64
import glob
import hashlib
import json
import os
import struct
import sys

MAX_SEED_BYTES = 64 * 1024


def files(root, *patterns):
    """Vector files matching glob patterns under root, sorted, each once."""
    found = set()
    for pattern in patterns:
        found.update(p for p in glob.glob(os.path.join(root, pattern), recursive=True) if os.path.isfile(p))
    return sorted(found)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def b64(data):
    return base64.b64encode(data).decode()


def parts(*blobs):
    """FuzzInput.parts layout: each blob as a UInt16 big-endian length then its bytes."""
    return b"".join(struct.pack(">H", len(b)) + b for b in blobs if len(b) <= 0xFFFF)


def pem_certificates(data):
    """The DER bytes of each CERTIFICATE block of PEM text."""
    text, out = data.decode("latin-1"), []
    for block in text.split("-----BEGIN CERTIFICATE-----")[1:]:
        body = block.split("-----END CERTIFICATE-----")[0]
        try:
            out.append(base64.b64decode("".join(body.split())))
        except ValueError:
            pass
    return out


# --- protobuf (go-tpm-tools attest.Attestation) --------------------------------------------------------------


def varint(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        value |= (byte & 0x7F) << shift
        i += 1
        if not byte & 0x80:
            return value, i
        shift += 7


def fields(data):
    """(field number, bytes) of every length-delimited field of a protobuf message; other wire types skipped."""
    i, out = 0, []
    while i < len(data):
        key, i = varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, i = varint(data, i)
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        elif wire == 2:
            length, i = varint(data, i)
            out.append((number, data[i:i + length]))
            i += length
        else:
            break
    return out


def tpm_attestation(path):
    """ak_pub, [(TPMS_ATTEST, TPMT_SIGNATURE)], event_log, ak_cert of a go-tpm-tools Attestation."""
    top = fields(read(path))
    ak = next((v for n, v in top if n == 1), b"")
    quotes = []
    for n, v in top:
        if n == 2:
            quote = dict(fields(v))
            quotes.append((quote.get(1, b""), quote.get(2, b"")))
    log = next((v for n, v in top if n == 3), b"")
    cert = next((v for n, v in top if n == 6), b"")
    return ak, quotes, log, cert


def tpm_attestations(vectors):
    return [tpm_attestation(p) for p in files(vectors, "tpm/*.pb", "tampered/tpm-*.pb")]


# --- targets -------------------------------------------------------------------------------------------------


def snp_report(vectors, _):
    seeds = [read(p) for p in files(vectors, "snp/*.bin", "snp/derived/*report.bin", "snp/*.hex", "snp/*.json",
                                    "tampered/snp-*.bin")]
    guids = {  # CertificateTable.Kind, RFC 4122 byte order
        "vcek": "63da758de6644564adc5f4b93be8accd",
        "ask": "4ab7b379bbac4fe4a02f05aef327c782",
        "ark": "c0b406a4a803495297433fb6014cd0ae",
    }
    # Extended reports (report ‖ certificate table with VCEK, ASK, ARK), as `assay attest --tee snp` writes them.
    for line in expected(vectors):
        report, vcek, ca = (line["files"].get(k) for k in ("report", "vcek", "ca"))
        if not (isinstance(report, str) and report.endswith(".bin") and isinstance(vcek, str) and isinstance(ca, str)):
            continue
        chain = pem_certificates(read(os.path.join(vectors, ca))) if ca.endswith(".pem") else []
        blobs = [("vcek", vcek_der(os.path.join(vectors, vcek)))] + list(zip(("ask", "ark"), chain))
        header_size = 24 * (len(blobs) + 1)
        header, data = b"", b""
        for kind, blob in blobs:
            header += bytes.fromhex(guids[kind]) + struct.pack("<II", header_size + len(data), len(blob))
            data += blob
        seeds.append(read(os.path.join(vectors, report)) + header + bytes(24) + data)
    return seeds


def vcek_der(path):
    data = read(path)
    return pem_certificates(data)[0] if data.startswith(b"-----") else data


def dcap_quote(vectors, _):
    return [read(p) for p in files(vectors, "tdx/*quote*.dat", "sgx/*.dat", "tampered/tdx-*.dat", "tampered/sgx-*.dat",
                                   "azure/tdx_vtpm/td-quote.bin") if "ccel" not in p]


def cc_eventlog(vectors, _):
    return [read(p)[:MAX_SEED_BYTES] for p in files(vectors, "tdx/*ccel*.dat", "tampered/*ccel*.dat")]


def nitro_document(vectors, _):
    return [read(p) for p in files(vectors, "nitro/*.cbor", "nitro/*.b64", "tampered/nitro-*.cbor")]


def spdm_report(vectors, _):
    seeds = [bytes.fromhex(read(p).decode().strip()) for p in files(vectors, "nvidia/*Report*.txt", "nvidia/*report1.txt",
                                                                   "tampered/nvidia-hopper-*.txt") if "claims" not in p]
    for path in files(vectors, "nvidia/*evidence.json"):
        seeds += [base64.b64decode(entry["evidence"]) for entry in json.loads(read(path))[:2]]
    return seeds


def nvidia_evidence_list(vectors, _):
    seeds = []
    for path in files(vectors, "nvidia/*evidence.json"):
        entries = json.loads(read(path))
        seeds += [json.dumps(entries[:1]).encode(), json.dumps(entries[:2]).encode()]
    return seeds


def nvidia_rim(vectors, _):
    return [read(p) for p in files(vectors, "nvidia/rim/*.swidtag", "tampered/nvidia-rim-*")]


def der_items(data, start=0, end=None):
    """(identifier, header start, content start, content end) of each DER item in data[start:end]."""
    end, out = len(data) if end is None else end, []
    while start + 2 <= end:
        identifier, length, i = data[start], data[start + 1], start + 2
        if length & 0x80:
            count = length & 0x7F
            length, i = int.from_bytes(data[i:i + count], "big"), i + count
        out.append((identifier, start, i, i + length))
        start = i + length
    return out


def der(identifier, content):
    n = len(content)
    length = bytes([n]) if n < 0x80 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([identifier]) + length + content


def cbor_head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")


def cbor(value):
    """Definite-length CBOR of ints >= 0, bytes, str, lists and dicts (enough for CMW and TCG seeds)."""
    if isinstance(value, int):
        return cbor_head(0, value)
    if isinstance(value, bytes):
        return cbor_head(2, len(value)) + value
    if isinstance(value, str):
        return cbor_head(3, len(value.encode())) + value.encode()
    if isinstance(value, list):
        return cbor_head(4, len(value)) + b"".join(cbor(v) for v in value)
    return cbor_head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())


def cbor_byte_string(data, i):
    """The byte string whose head is at data[i], and the offset after it."""
    info = data[i] & 0x1F
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info, 0)
    length = int.from_bytes(data[i + 1:i + 1 + size], "big") if size else info
    start = i + 1 + size
    return data[start:start + length], start + length


def certificate_extensions(certificate):
    """(OID content bytes, extnValue content) of each extension, and a function rebuilding the certificate with
    other extensions (a list of such pairs); the signature is kept as it was."""
    (_, _, cert_start, cert_end), = der_items(certificate)[:1]
    tbs = der_items(certificate, cert_start, cert_end)
    _, tbs_header, tbs_start, tbs_end = tbs[0]
    fields = der_items(certificate, tbs_start, tbs_end)
    extensions = []
    wrapper = next((f for f in fields if f[0] == 0xA3), None)
    if wrapper:
        (_, _, list_start, list_end), = der_items(certificate, wrapper[2], wrapper[3])[:1]
        for _, _, start, end in der_items(certificate, list_start, list_end):
            parts = der_items(certificate, start, end)
            oid, value = parts[0], parts[-1]
            extensions.append((certificate[oid[2]:oid[3]], certificate[value[2]:value[3]]))

    def rebuild(replacement):
        body = b"".join(certificate[f[1]:f[3]] for f in fields if f[0] != 0xA3)
        items = b"".join(der(0x30, der(0x06, oid) + der(0x04, value)) for oid, value in replacement)
        new_tbs = der(0x30, body + der(0xA3, der(0x30, items)))
        return der(0x30, new_tbs + b"".join(certificate[t[1]:t[3]] for t in tbs[1:]))

    return extensions, rebuild


TCG_TAGGED_EVIDENCE = bytes.fromhex("678105050409")  # 2.23.133.5.4.9
ID_PE_CMW = bytes.fromhex("2b06010505070123")  # 1.3.6.1.5.5.7.1.35


def attested_certificate(vectors, _):
    seeds = []
    for path in files(vectors, "ratls/*.pem", "nitro/*tls_cert*.pem"):
        data = read(path)
        seeds.append(data)
        for certificate in pem_certificates(data):
            seeds.append(certificate)
            extensions, rebuild = certificate_extensions(certificate)
            for oid, value in extensions:
                if oid != TCG_TAGGED_EVIDENCE or not value.startswith(b"\xd9\xea\x60\x82"):
                    continue
                # Tag 60000 ([quote, claims]): the value, its claims, and the same quote and claims as an Assay CMW
                # collection, alone and in a certificate in place of the TCG extension.
                seeds.append(value)
                quote, after_quote = cbor_byte_string(value, 4)
                claims, _ = cbor_byte_string(value, after_quote)
                seeds.append(claims)
                collection = cbor({
                    "evidence": ["application/vnd.assay.sgx-evidence", quote, 4],
                    "claims": ["application/vnd.assay.key-binding+cbor", claims],
                })
                seeds.append(collection)
                seeds.append(rebuild([(o, v) for o, v in extensions if o != TCG_TAGGED_EVIDENCE] + [(ID_PE_CMW, collection)]))
    return seeds


def intel_collateral(vectors, _):
    return [read(p) for p in files(vectors, "tdx/collateral/*", "sgx/collateral/*", "tampered/*tcbinfo*.json")]


def tpm_structures(vectors, _):
    seeds = []
    for ak, quotes, _, _ in tpm_attestations(vectors):
        seeds += [b"\x01" + ak, b"\x03" + ak, b"\x03" + struct.pack(">H", len(ak)) + ak]
        for attest, signature in quotes:
            seeds += [b"\x00" + attest, b"\x02" + signature]
    return seeds


def tpm_evidence(vectors, _):
    seeds = [b"\x00" + read(p) for p in files(vectors, "tpm/*.pb", "tampered/tpm-*")]
    seeds += [b"\x01" + read(p) for p in files(vectors, "tpm/eventlogs/*.bin")]
    for ak, quotes, log, cert in tpm_attestations(vectors):
        for attest, signature in quotes:
            # TPMEvidenceFuzzTarget.attachments order: signature, ak_public, pcrs, event_log, ek_cert, ak_cert.
            seeds.append(b"\x02" + parts(attest, signature, ak))
            seeds.append(b"\x02" + parts(attest, signature, ak, b"", log[:16 * 1024], b"", cert))
    return seeds


def x509(vectors, _):
    return [read(p) for p in files(vectors, "**/*.pem", "**/*.der", "**/*.crt", "**/*.cer")]


def rego(_, opa):
    try:
        import yaml
    except ImportError:
        print("warning: PyYAML is missing (pip install pyyaml): no Rego seeds from the conformance suite", file=sys.stderr)
        return []
    seeds = []
    for path in files(opa, "v1/**/*.yaml"):
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f) or {}
        for case in document.get("cases") or []:
            modules = [m for m in case.get("modules") or [] if isinstance(m, str)]
            query = case.get("query")
            texts = modules + ([query] if isinstance(query, str) else [])
            seeds.append(b"\x00".join(t.encode() for t in texts))
    return seeds


def json_documents(vectors, _):
    seeds = [read(p) for p in files(vectors, "**/*.json")]
    seeds += [line.encode() for line in open(os.path.join(vectors, "expected.jsonl"), encoding="utf-8")][:50] \
        if os.path.exists(os.path.join(vectors, "expected.jsonl")) else []
    return seeds


def runtime_data(nonce):
    return json.dumps({"nonce": nonce, "tee_pubkey": jwk()}).encode()


def jwk():
    return {"kty": "EC", "crv": "P-256", "x": base64.urlsafe_b64encode(bytes(range(32))).decode().rstrip("="),
            "y": base64.urlsafe_b64encode(bytes(range(32, 64))).decode().rstrip("=")}


def attest_request(vectors, _):
    seeds = []
    for line in expected(vectors):
        tee, evidence = line.get("platform"), line["files"].get("report") or line["files"].get("quote")
        if tee not in ("snp", "tdx", "sgx") or not isinstance(evidence, str) or not evidence.endswith((".bin", ".dat")):
            continue
        collateral = [b64(read(os.path.join(vectors, c))) for k, c in line["files"].items()
                      if k in ("vcek", "ca") and isinstance(c, str)]
        body = {"tee": tee, "evidence": b64(read(os.path.join(vectors, evidence))),
                "runtime_data": b64(runtime_data(line["id"])), "collateral": collateral}
        seeds.append(json.dumps(body).encode())
        seeds.append(json.dumps(dict(body, policy="default", audience="https://rp.example", collateral=[])).encode())
    for path in files(vectors, "tpm/*.pb"):
        seeds.append(json.dumps({"tee": "tpm", "evidence": b64(read(path)), "runtime_data": b64(runtime_data("n"))}).encode())
    return seeds


def release_request(*_):
    return [b"", b"{}", json.dumps({"tee_pubkey": jwk()}).encode(), json.dumps({"tee_pubkey": None}).encode()]


def tpm_enrollment(vectors, _):
    seeds = [json.dumps({"secret": b64(bytes(32))}).encode(), b"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"]
    for ak, _, _, cert in tpm_attestations(vectors):
        seeds.append(json.dumps({"ek_public": b64(ak), "ak_public": b64(ak), "ek_certificate": b64(cert)}).encode())
        seeds.append(json.dumps({"ek_public": b64(ak), "ak_public": b64(ak)}).encode())
    return seeds


def hcl_report(vectors, _):
    """Azure HCL reports, Trustee's JSON evidence (v0-v2, SNP and TDX), vTPM quotes (bincode and JSON), tampered copies."""
    return [read(p) for p in files(vectors, "azure/*/hcl-report.bin", "azure/*/evidence-*.json", "azure/*/quote.bin",
                                   "azure/*/tpm-quote-v1.json", "tampered/azure-*")]


def corim(_vectors, _):
    """CoRIMs from the import tests' encoder (scripts/interop/make_corim.py): SEV-SNP, TDX and SGX triples, signed."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "interop"))
    import make_corim
    measurement = lambda mkey, **values: dict(mkey=mkey, **values)
    triples = [
        {"env": {"class_uuid": "d05e6d1b9f464ae2a610ce3e6ee7e153"},
         "measurements": [measurement(0, digests=[[7, "11" * 48]], svn={"min": 3}, raw="22" * 16), measurement(2, raw=0)]},
        {"env": {"vendor": "Intel Corporation", "model": "TDX"},
         "measurements": [measurement("mr_td", digests=[[7, "33" * 48]]), measurement("x", registers={"0": [[7, "44" * 48]]})]},
        {"env": {"vendor": "Intel", "model": "SGX"}, "measurements": [measurement("mr_enclave", digests=[[1, "55" * 32]], svn=2)]},
    ]
    spec = {"id": "seed", "tags": [{"kind": "comid", "tag_id": "t", "reference": triples, "endorsed": 1}, {"kind": "coswid"}]}
    return [make_corim.corim(spec), make_corim.corim(dict(spec, signed=True))]


def expected(vectors):
    path = os.path.join(vectors, "expected.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


TARGETS = {
    "snp-report": snp_report, "dcap-quote": dcap_quote, "cc-eventlog": cc_eventlog,
    "intel-collateral": intel_collateral, "tpm-structures": tpm_structures, "tpm-evidence": tpm_evidence,
    "x509": x509, "rego": rego, "json": json_documents, "attest-request": attest_request,
    "release-request": release_request, "tpm-enrollment": tpm_enrollment, "nitro-document": nitro_document,
    "attested-certificate": attested_certificate, "hcl-report": hcl_report, "corim": corim, "spdm-report": spdm_report,
    "nvidia-evidence-list": nvidia_evidence_list, "nvidia-rim": nvidia_rim,
}


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} TARGET VECTORS OPA_CONFORMANCE OUT_DIR (TARGET: {', '.join(TARGETS)})")
    target, vectors, opa, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    count = 0
    for seed in TARGETS[target](vectors, opa):
        if len(seed) > MAX_SEED_BYTES:
            continue
        name = hashlib.sha1(seed).hexdigest()
        with open(os.path.join(out, name), "wb") as f:
            f.write(seed)
        count += 1
    print(count)


if __name__ == "__main__":
    main()
