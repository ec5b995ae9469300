/// strings.render_template: a Go text/template (``GoTemplate``) rendered over an object of variables.
extension BuiltinRegistry {
    static let template: [Builtin] = [
        define("strings.render_template", 2) { a, ctx in
            let text = try a.string(0)
            let variables = try a.object(1)
            let template: GoTemplate
            do throws(GoTemplate.Failure) {
                template = try GoTemplate(parsing: text)
            } catch {
                throw a.failure("template: \(error.message)")
            }
            let rendered = try template.render(.object(variables), budget: ctx.budget) { message in
                a.failure("template: \(message)")
            }
            return .string(rendered)
        },
    ]
}
