# Assay's default appraisal policy: turns verified claims into an AR4SI trust vector and says why for every
# component that is not affirming.
#
# Input (built by Assay for every piece of evidence):
#   tee                      the TEE kind ("sample", "snp", "tdx", "sgx", "tpm", ...)
#   claims                   the claims the verifier extracted (ARCHITECTURE.md section 4)
#   verification             {"valid": bool, "failures": [{"check", "expected", "observed"}]}
#   reference_values         the current reference values for this TEE
#   reference_value_matches  [{"claim", "component", "matched", "expected", "observed"}], one per claim with
#                            reference values (any current entry may match)
#   runtime_data             the parsed runtime data the evidence is bound to, or null
# Output, read by Assay:
#   trust_vector             {"hardware": 2, "configuration": 2, ...}: AR4SI claim values per component
#   reasons                  [{"component", "check", "expected", "observed"}]: why a component is not affirming
#
# Operators tune it without editing it through the data document: data.profiles[tee] replaces the profile
# below for that TEE (assay verify --policy-data FILE, or a policy of their own).
package assay.appraisal

import rego.v1

# Per TEE: whether its evidence can come from genuine hardware under a manufacturer root, which claims mean
# debug mode, whether memory is encrypted from the host, minimums for integer hardware claims (TCB components),
# and how a vendor TCB status claim maps to tiers (affirming statuses keep hardware genuine, warning statuses
# make it unsafe, any other status contraindicates it).
builtin_profiles := {
	"sample": {
		"genuine_hardware": false,
		"debug_claims": ["debug"],
		"encrypted_memory": false,
	},
	# SEV-SNP: hardware-rooted (signature and chain to a pinned ARK); DEBUG in the guest policy contraindicates the
	# configuration, MIGRATE_MA (a migration agent may move the guest) is a warning. TCB minimums and SMT are
	# deployment choices: configure them as reference values ({"claim": "reported_tcb.snp", "minimum": 8,
	# "component": "hardware"}) or through data.profiles.
	"snp": {
		"genuine_hardware": true,
		"debug_claims": ["policy.debug"],
		"warning_configuration_claims": ["policy.migrate_ma"],
		"encrypted_memory": true,
	},
	# A TPM vouches for its platform only once its attestation key is tied to an endorsed EK (an AK certificate
	# or credential activation); a quote by a key of unknown origin is a warning.
	"tpm": {
		"genuine_hardware": true,
		"debug_claims": [],
		"encrypted_memory": false,
		"status_claim": "ak_endorsement",
		"affirming_statuses": ["ak_certificate", "credential_activation"],
		"warning_statuses": ["none"],
	},
	# Intel TDX and SGX (DCAP): hardware-rooted (quote and QE report signatures, PCK chain to the pinned Intel SGX
	# Root CA, TCB info and QE identity signed by Intel). The platform's TCB status against Intel's TCB info maps
	# to tiers: UpToDate affirms; pending mitigations or configuration, and an out-of-date TCB, are warnings (to
	# contraindicate an out-of-date TCB instead, drop "OutOfDate" and "OutOfDateConfigurationNeeded" from
	# warning_statuses through data.profiles); NotSupported (no TCB level matches) or an absent status
	# contraindicates. A Revoked TCB never gets here: it fails verification. A debug TD or enclave contraindicates
	# the configuration.
	"tdx": {
		"genuine_hardware": true,
		"debug_claims": ["td_attributes.debug"],
		"encrypted_memory": true,
		"status_claim": "tcb_status",
		"affirming_statuses": ["UpToDate"],
		"warning_statuses": intel_warning_statuses,
	},
	# AWS Nitro Enclaves: hardware-rooted (COSE signature, chain to the pinned AWS Nitro Enclaves Root-G1); an
	# all-zero PCR0 means debug mode, which contraindicates the configuration. The Nitro hypervisor isolates the
	# enclave's memory from its parent instance. PCR0/1/2/8 are reference values ({"claim": "pcrs.0", ...}).
	"nitro": {
		"genuine_hardware": true,
		"debug_claims": ["debug"],
		"encrypted_memory": true,
	},
	# NVIDIA GPUs and NVSwitches: hardware-rooted (SPDM measurement signature, device chain to the pinned NVIDIA
	# Device Identity CA, FWID in the leaf). The signed report states no debug mode and no memory-protection mode
	# (a resource policy can require cc_feature); measurement blocks are reference values from NVIDIA's RIMs
	# ({"claim": "measurements.12", ...}, imported with assay reference-values import --nvidia-rim).
	"nvidia": {
		"genuine_hardware": true,
		"debug_claims": [],
		"encrypted_memory": false,
	},
	# Azure confidential VMs: the hardware report (SEV-SNP, or TDX through its TD quote) binds the HCL runtime
	# data, whose attestation key signs the vTPM quote. Both halves must pass for affirming hardware
	# (required_claims: the verifier sets hcl.verified and vtpm.verified); otherwise as snp and tdx.
	"azure-snp": {
		"genuine_hardware": true,
		"debug_claims": ["policy.debug"],
		"warning_configuration_claims": ["policy.migrate_ma"],
		"encrypted_memory": true,
		"required_claims": ["hcl.verified", "vtpm.verified"],
	},
	"azure-tdx": {
		"genuine_hardware": true,
		"debug_claims": ["td_attributes.debug"],
		"encrypted_memory": true,
		"status_claim": "tcb_status",
		"affirming_statuses": ["UpToDate"],
		"warning_statuses": intel_warning_statuses,
		"required_claims": ["hcl.verified", "vtpm.verified"],
	},
	"sgx": {
		"genuine_hardware": true,
		"debug_claims": ["attributes.debug"],
		"encrypted_memory": true,
		"status_claim": "tcb_status",
		"affirming_statuses": ["UpToDate"],
		"warning_statuses": intel_warning_statuses,
	},
}

# Intel TCB statuses that leave the hardware usable but not up to date (TDRelaunchAdvised*: TDX 1.5, the TDX
# module was updated and the TD should be relaunched to use it).
intel_warning_statuses := [
	"SWHardeningNeeded", "ConfigurationNeeded", "ConfigurationAndSWHardeningNeeded", "OutOfDate",
	"OutOfDateConfigurationNeeded", "TDRelaunchAdvised", "TDRelaunchAdvisedConfigurationNeeded",
]

# TEEs without a profile: nothing is assumed about their hardware.
unknown_profile := {"genuine_hardware": false, "debug_claims": ["debug"], "encrypted_memory": false}

profile := p if {
	p := data.profiles[input.tee]
} else := p if {
	p := builtin_profiles[input.tee]
} else := unknown_profile

genuine_hardware if profile.genuine_hardware == true

# The value of a claim named by a dotted path such as "reported_tcb.snp"; null when absent.
claim(path) := object.get(input.claims, split(path, "."), null)

verified if input.verification.valid == true

mismatches contains m if {
	some m in input.reference_value_matches
	m.matched == false
}

# Evidence that failed verification: nothing it says can be trusted.
trust_vector := {c: 99 | some c in ["hardware", "configuration", "executables"]} if not verified

trust_vector := object.union_n([
	{"hardware": hardware, "configuration": configuration, "executables": executables},
	other_components,
	runtime_opaque,
]) if verified

reasons := [r |
	some f in input.verification.failures
	r := {"component": "hardware", "check": f.check, "expected": f.expected, "observed": f.observed}
] if not verified

reasons := [r | some r in findings] if verified

# Hardware: genuine (2) when the TEE is hardware-rooted and every minimum and status is met; unsafe (32) or
# contraindicated (96) otherwise; no claim (0) for software TEEs such as the Sample TEE.
hardware := max(hardware_tiers)

hardware_tiers contains 0 if not genuine_hardware

hardware_tiers contains 2 if genuine_hardware

hardware_tiers contains 32 if {
	genuine_hardware
	some path, _ in below_minimum
}

hardware_tiers contains status_tier if {
	genuine_hardware
	profile.status_claim
}

hardware_tiers contains 32 if {
	some m in mismatches
	m.component == "hardware"
}

# Claims a profile requires to be true (e.g. each half of a composite TEE's evidence verified): a missing or false
# one contraindicates the hardware.
missing_required contains path if {
	genuine_hardware
	some path in object.get(profile, "required_claims", [])
	claim(path) != true
}

hardware_tiers contains 96 if count(missing_required) > 0

below_minimum[path] := observed if {
	some path, minimum in object.get(profile, "hardware_minimums", {})
	value := claim(path)
	not meets(value, minimum)
	observed := describe(value)
}

meets(value, minimum) if {
	is_number(value)
	value >= minimum
}

describe(value) := "absent" if value == null

describe(value) := sprintf("%v", [value]) if value != null

observed_status := s if {
	s := claim(profile.status_claim)
	is_string(s)
} else := "absent"

status_tier := 2 if {
	observed_status in profile.affirming_statuses
} else := 32 if {
	observed_status in object.get(profile, "warning_statuses", [])
} else := 96

# Configuration: unsupportable (96) in debug mode, unsafe (32) when a warning claim is true or a configuration
# reference value does not match, otherwise approved (2).
configuration := max(configuration_tiers)

debug_claims_set contains path if {
	some path in object.get(profile, "debug_claims", [])
	claim(path) == true
}

configuration_tiers contains 2

configuration_tiers contains 96 if count(debug_claims_set) > 0

warning_claims_set contains path if {
	some path in object.get(profile, "warning_configuration_claims", [])
	claim(path) == true
}

configuration_tiers contains 32 if count(warning_claims_set) > 0

configuration_tiers contains 32 if {
	some m in mismatches
	m.component == "configuration"
}

# Executables: approved (2) when every executables reference value matches, unrecognized (33) when one does not
# or none is configured.
executables_matches := [m | some m in input.reference_value_matches; m.component == "executables"]

executables := 2 if {
	count(executables_matches) > 0
	count([m | some m in executables_matches; m.matched == false]) == 0
} else := 33

# Other components named by reference values that do not match: a warning.
other_components[m.component] := 32 if {
	some m in mismatches
	not m.component in {"hardware", "configuration", "executables"}
}

# Runtime-opaque: encrypted memory (2) for TEEs that encrypt workload memory.
runtime_opaque := {"runtime-opaque": 2} if profile.encrypted_memory == true else := {}

findings contains {
	"component": "hardware", "check": "genuine_hardware",
	"expected": "evidence signed by a hardware TEE under a manufacturer root",
	"observed": sprintf("%s is not a hardware TEE Assay can vouch for (no hardware claim is made)", [input.tee]),
} if not genuine_hardware

findings contains {"component": "hardware", "check": concat("", ["minimum:", path]), "expected": expected, "observed": observed} if {
	some path, observed in below_minimum
	expected := sprintf("≥ %v", [profile.hardware_minimums[path]])
}

findings contains {
	"component": "hardware", "check": profile.status_claim,
	"expected": concat("", ["one of ", concat(", ", sort(profile.affirming_statuses))]),
	"observed": observed_status,
} if {
	genuine_hardware
	profile.status_claim
	status_tier != 2
}

findings contains {
	"component": "hardware", "check": concat("", ["required:", path]), "expected": sprintf("%s = true", [path]),
	"observed": describe(claim(path)),
} if some path in missing_required

findings contains {
	"component": "configuration", "check": "debug_disabled", "expected": sprintf("%s = false", [path]),
	"observed": sprintf("%s = true: the host can read and change the workload's memory", [path]),
} if some path in debug_claims_set

findings contains {
	"component": "configuration", "check": concat("", ["configuration:", path]),
	"expected": sprintf("%s = false", [path]), "observed": sprintf("%s = true", [path]),
} if some path in warning_claims_set

findings contains {
	"component": "executables", "check": "reference_values",
	"expected": sprintf("reference values for %s executables (e.g. its measurement)", [input.tee]),
	"observed": "none configured; add them with --reference-values",
} if count(executables_matches) == 0

findings contains {
	"component": m.component, "check": concat("", ["reference_value:", m.claim]),
	"expected": m.expected, "observed": m.observed,
} if some m in mismatches
