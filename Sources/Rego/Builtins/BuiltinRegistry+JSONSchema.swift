/// json.verify_schema and json.match_schema (``JSONSchema``): a schema or document given as a JSON string is parsed
/// first.
extension BuiltinRegistry {
    private static func schemaOperand(_ a: Operands, _ i: Int, _ ctx: BuiltinContext) throws(RegoError) -> Value {
        switch a[i] {
        case .string(let text): return try Value(json: text, limits: ctx.limits)
        case .object, .bool: return a[i]
        default: throw a.typeError(i, "one of {string, object, boolean}")
        }
    }

    static let jsonSchema: [Builtin] = [
        define("json.verify_schema", 1) { a, ctx in
            let schema: Value
            do throws(RegoError) {
                schema = try schemaOperand(a, 0, ctx)
            } catch {
                return .array([.bool(false), .string("jsonschema: \(error.message)")])
            }
            do throws(JSONSchema.Failure) {
                _ = try JSONSchema(schema)
                return .array([.bool(true), .null])
            } catch {
                return .array([.bool(false), .string("jsonschema: \(error.message)")])
            }
        },
        define("json.match_schema", 2) { a, ctx in
            let document: Value
            switch a[0] {
            case .string(let text):
                do throws(RegoError) {
                    document = try Value(json: text, limits: ctx.limits)
                } catch {
                    throw a.failure("document is not valid JSON: \(error.message)")
                }
            case .object, .array, .set, .number, .bool, .null:
                document = a[0]
            }
            let schemaValue: Value
            do throws(RegoError) {
                schemaValue = try schemaOperand(a, 1, ctx)
            } catch {
                throw a.failure("schema is not valid JSON: \(error.message)")
            }
            let schema: JSONSchema
            do throws(JSONSchema.Failure) {
                schema = try JSONSchema(schemaValue)
            } catch {
                throw a.failure(error.message)
            }
            let violations = try schema.validate(document) { () throws(RegoError) in try ctx.budget.tick() }
            try ctx.reserve(members: violations.count)
            return .array([.bool(violations.isEmpty), .array(violations.map(\.value))])
        },
    ]
}
