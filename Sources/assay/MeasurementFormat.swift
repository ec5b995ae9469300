import ArgumentParser

/// `assay measure … --format`: the registers alone, the JSON report, or a reference-value document.
enum MeasurementFormat: String, ExpressibleByArgument { case text, json, referenceValues = "reference-values" }
