import TutahiPluginAPI
import TutahiYAML

extension YAMLNode {
    /// The node as JSON (scalars by the core schema), for handing configuration to external plugins.
    var jsonValue: JSONValue {
        switch content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .float(let value): return .number(value)
            case .string(let value): return .string(value)
            }
        case .sequence(let items): return .array(items.map(\.jsonValue))
        case .mapping(let pairs): return .object(pairs.map { ($0.key, $0.value.jsonValue) })
        }
    }
}
