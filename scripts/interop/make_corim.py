#!/usr/bin/env python3
"""Builds CoRIMs (draft-ietf-rats-corim) with cbor2, independently of Assay's Swift code, for the import tests.

Usage: make_corim.py SPEC.json OUT.cbor

SPEC describes the manifest in the CDDL's terms:
  {"id": "text", "profile": "uri"?, "signed": false, "tags": [TAG, ...]}
  TAG: {"kind": "comid", "tag_id": "text", "bare": false, "reference": [TRIPLE, ...], "endorsed": 0}
     | {"kind": "coswid"}
  TRIPLE: {"env": {"vendor": str?, "model": str?, "class_uuid": hex?, "instance": hex?}, "measurements": [M, ...]}
  M: {"mkey": int | str | null, "digests": [[alg, hex], ...]?, "svn": int | {"exact": int} | {"min": int}?,
      "raw": hex | int?, "masked": [hex, hex]?, "version": str?, "registers": {"0": [[alg, hex]], ...}?, "flags": {}?}
"bare" puts the CoMID map directly under tag 506 instead of the byte string the CDDL gives; "signed" wraps the
CoRIM in a COSE_Sign1 (tag 18) signed with a fresh ES256 key.
"""
import json
import sys

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

T = cbor2.CBORTag


def environment(spec):
    class_map = {}
    if "class_uuid" in spec:
        class_map[0] = T(37, bytes.fromhex(spec["class_uuid"]))     # class-id: tagged-uuid-type
    if "vendor" in spec:
        class_map[1] = spec["vendor"]                                # vendor: tstr
    if "model" in spec:
        class_map[2] = spec["model"]                                 # model: tstr
    env = {0: class_map}                                             # environment-map: class
    if "instance" in spec:
        env[1] = T(560, bytes.fromhex(spec["instance"]))             # instance: tagged-bytes
    return env


def digests(pairs):
    return [[alg, bytes.fromhex(value)] for alg, value in pairs]     # digest = [alg, val: bytes]


def measurement(spec):
    mval = {}
    if "version" in spec:
        mval[0] = {0: spec["version"]}                               # version-map
    if "svn" in spec:
        svn = spec["svn"]
        if isinstance(svn, int):
            mval[1] = svn
        elif "exact" in svn:
            mval[1] = T(552, svn["exact"])                           # tagged-svn
        else:
            mval[1] = T(553, svn["min"])                             # tagged-min-svn
    if "digests" in spec:
        mval[2] = digests(spec["digests"])
    if "flags" in spec:
        mval[3] = {int(k): v for k, v in spec["flags"].items()}      # flags-map
    if "raw" in spec:
        raw = spec["raw"]
        mval[4] = raw if isinstance(raw, int) else T(560, bytes.fromhex(raw))
    if "masked" in spec:
        mval[4] = T(563, [bytes.fromhex(spec["masked"][0]), bytes.fromhex(spec["masked"][1])])
    if "registers" in spec:
        mval[14] = {(int(k) if k.isdigit() else k): digests(v) for k, v in spec["registers"].items()}
    entry = {1: mval}                                                # measurement-map: mval
    if spec.get("mkey") is not None:
        entry[0] = spec["mkey"]                                      # mkey
    return entry


def comid(spec):
    triples = {}
    if spec.get("reference"):
        triples[0] = [[environment(t["env"]), [measurement(m) for m in t["measurements"]]] for t in spec["reference"]]
    if spec.get("endorsed"):
        triples[1] = [[environment({"vendor": "x"}), [measurement({"svn": 1})]] for _ in range(spec["endorsed"])]
    body = {1: {0: spec["tag_id"]}, 4: triples}                      # tag-identity, triples
    return T(506, body if spec.get("bare") else cbor2.dumps(body))   # tagged-concise-mid-tag


def corim(spec):
    tags = []
    for tag in spec["tags"]:
        if tag["kind"] == "comid":
            tags.append(comid(tag))
        else:
            tags.append(T(505, cbor2.dumps({0: "swid", 12: 0, 1: "app"})))  # a CoSWID
    body = {0: spec["id"], 1: tags}
    if "profile" in spec:
        body[3] = T(32, spec["profile"])
    unsigned = T(501, body)
    if not spec.get("signed"):
        return cbor2.dumps(unsigned)
    key = ec.generate_private_key(ec.SECP256R1())
    protected = cbor2.dumps({1: -7, 3: "application/rim+cbor"})
    payload = cbor2.dumps(unsigned)
    to_sign = cbor2.dumps(["Signature1", protected, b"", payload])
    r, s = decode_dss_signature(key.sign(to_sign, ec.ECDSA(hashes.SHA256())))
    return cbor2.dumps(T(18, [protected, {}, payload, r.to_bytes(32, "big") + s.to_bytes(32, "big")]))


if __name__ == "__main__":
    with open(sys.argv[1]) as spec_file:
        spec = json.load(spec_file)
    with open(sys.argv[2], "wb") as out:
        out.write(corim(spec))
