import Mustache

/// A view a template renders: a struct whose stored properties are the names templates use.
///
/// Before rendering, ``MustacheFile`` turns every `MustacheView` in the value (nested ones and
/// those in arrays included) into a dictionary, reading each property once. swift-mustache would
/// otherwise reflect on a struct again for every name it looks up, and again on each enclosing
/// struct for a name found further out, which made a region's report cost half a second.
public protocol MustacheView {}

enum MustacheViewTree {
    /// `value` with every ``MustacheView`` in it turned into a `[String: Any]` of its properties
    /// (an absent optional leaves its name out, as swift-mustache treats nil); other values as they are.
    static func flatten(_ value: Any) -> Any {
        if value is MustacheView {
            var properties: [String: Any] = [:]
            for child in Mirror(reflecting: value).children {
                guard let label = child.label, let present = unwrapped(child.value) else { continue }
                properties[label] = flatten(present)
            }
            return properties
        }
        if let array = value as? [Any], array.contains(where: { $0 is MustacheView }) {
            return array.map(flatten)
        }
        return value
    }

    /// The value an optional holds, nil for an absent one; any other value as it is.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
