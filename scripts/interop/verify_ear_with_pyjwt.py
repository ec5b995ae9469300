#!/usr/bin/env python3
"""Independent cross-check: an EAR token printed by `assay verify --signing-key` must verify with PyJWT
against the JWKS printed by `assay keys jwks`, and its kid must be the RFC 7638 thumbprint (checked with jwcrypto).

Usage: verify_ear_with_pyjwt.py PATH/TO/assay
Exit status 0 when every check passes; a failure prints what broke and exits 1.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import jwt
from jwcrypto import jwk as jwcrypto_jwk


def run(assay, args, cwd, expect=0):
    proc = subprocess.run([assay, *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != expect:
        sys.exit(f"FAIL: assay {' '.join(args)} exited {proc.returncode}, expected {expect}\n{proc.stderr}")
    return proc.stdout


def main():
    assay = str(Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "app.bin").write_bytes(b"workload under test\n")
        (work / "rd.json").write_text('{"nonce":"pyjwt-interop"}')
        run(assay, ["attest", "--tee", "sample", "--workload", "app.bin", "--runtime-data", "rd.json", "--out", "ev.bin"], work)
        run(assay, ["keys", "generate", "--out", "key.pem"], work)
        run(assay, ["keys", "generate", "--out", "other.pem"], work)
        result = json.loads(run(assay, ["verify", "--tee", "sample", "--evidence", "ev.bin", "--runtime-data", "rd.json",
                                        "--signing-key", "key.pem", "--format", "json"], work))
        token = result["token"]
        jwks = json.loads(run(assay, ["keys", "jwks", "--key", "key.pem"], work))
        other = json.loads(run(assay, ["keys", "jwks", "--key", "other.pem"], work))

        header = jwt.get_unverified_header(token)
        assert header["alg"] == "ES256", header
        keys = {k.key_id: k for k in jwt.PyJWKSet.from_dict(jwks).keys}
        key = keys[header["kid"]]
        claims = jwt.decode(token, key.key, algorithms=["ES256"], options={"verify_aud": False})
        assert claims == result["result"], "PyJWT decoded claims differ from assay's result"
        assert claims["eat_nonce"] == "pyjwt-interop", claims
        assert claims["eat_profile"] == "tag:github.com,2023:veraison/ear", claims
        submod = claims["submods"]["sample"]
        assert submod["ear.trustworthiness-vector"]["hardware"] == 0, submod
        assert submod["ear.status"] in ("affirming", "warning", "contraindicated", "none"), submod

        thumbprint = jwcrypto_jwk.JWK(**{k: jwks["keys"][0][k] for k in ("kty", "crv", "x", "y")}).thumbprint()
        assert thumbprint == header["kid"], f"kid {header['kid']} is not the RFC 7638 thumbprint {thumbprint}"

        other_key = jwt.PyJWKSet.from_dict(other).keys[0]
        try:
            jwt.decode(token, other_key.key, algorithms=["ES256"], options={"verify_aud": False})
            sys.exit("FAIL: the token verified with an unrelated key")
        except jwt.InvalidSignatureError:
            pass
        head, payload, signature = token.split(".")
        forged = head + "." + payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1] + "." + signature
        try:
            jwt.decode(forged, key.key, algorithms=["ES256"], options={"verify_aud": False})
            sys.exit("FAIL: a modified token verified")
        except (jwt.InvalidSignatureError, jwt.DecodeError):
            pass
    print("interop: EAR token verified by PyJWT against assay's JWKS; kid = RFC 7638 thumbprint (jwcrypto); "
          "forged and foreign-key tokens rejected")


if __name__ == "__main__":
    main()
