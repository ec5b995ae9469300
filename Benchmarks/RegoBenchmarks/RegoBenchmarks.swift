import Benchmark
import Rego

/// A one-line allow rule, the floor of per-evaluation cost.
let simplePolicy = """
    package bench
    allow if input.x == 1
    """

/// An appraisal policy shaped like Trustee/Veraison examples: defaults, reference-value set
/// membership, several rule bodies and a few string built-ins.
let appraisalPolicy = """
    package assay.appraisal

    default allow := false
    default executables := 33
    default hardware := 97

    allow if {
        input.tee == "snp"
        executables == 2
        hardware == 2
        count(violations) == 0
    }

    executables := 2 if {
        input.claims.measurement in {m | some m in input.reference_values.measurements}
    }

    hardware := 2 if {
        input.claims.reported_tcb.snp >= input.reference_values.min_tcb.snp
        input.claims.reported_tcb.microcode >= input.reference_values.min_tcb.microcode
        startswith(input.claims.platform, "AMD")
    }

    violations contains msg if {
        input.claims.policy.debug
        msg := sprintf("debug enabled on %s", [input.claims.chip_id])
    }

    violations contains msg if {
        not input.claims.policy.smt_allowed in {true, false}
        msg := "policy lacks smt flag"
    }

    summary := {"allow": allow, "executables": executables, "hardware": hardware}
    """

let appraisalInput = """
    {
      "tee": "snp",
      "claims": {
        "measurement": "8a5f0d1f6c31e2b2c4f7a9e0b1d3c5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9",
        "reported_tcb": {"snp": 23, "microcode": 213, "tee": 0, "bootloader": 4},
        "platform": "AMD EPYC 9654",
        "chip_id": "c0ffee",
        "policy": {"debug": false, "smt_allowed": true}
      },
      "reference_values": {
        "measurements": [
          "0000000000000000000000000000000000000000000000000000000000000000",
          "8a5f0d1f6c31e2b2c4f7a9e0b1d3c5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9"
        ],
        "min_tcb": {"snp": 22, "microcode": 211}
      }
    }
    """

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(5))

    Benchmark("simple allow rule") { benchmark in
        let policy = try Policy(modules: [RegoModule(fileName: "simple.rego", source: simplePolicy)])
        let query = try policy.prepare(document: "data.bench.allow")
        let input = try Value(json: #"{"x": 1}"#)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try query.value(input: input))
        }
    }

    Benchmark("attestation appraisal policy") { benchmark in
        let policy = try Policy(modules: [RegoModule(fileName: "appraisal.rego", source: appraisalPolicy)])
        let query = try policy.prepare(document: "data.assay.appraisal.summary")
        let input = try Value(json: appraisalInput)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try query.value(input: input))
        }
    }
}
