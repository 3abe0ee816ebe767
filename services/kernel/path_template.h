// HTTP path templates in the google.api.http syntax that our (swv.v1.http) option uses:
//
//   Template = "/" Segments [ ":" Verb ]
//   Segment  = "*" | "**" | LITERAL | Variable
//   Variable = "{" FieldPath [ "=" Segments ] "}"      FieldPath = IDENT { "." IDENT }
//
// "{parent=swvs/*}" binds the text of several segments ("swvs/PO2203") to the field `parent`;
// "{name}" alone means "{name=*}"; "{settings.name=swvs/*/settings}" binds a nested field; "**"
// matches the rest of the path and is only allowed last; ":close" is a custom verb after the last
// segment. A path whose last segment contains ':' never matches a template without a verb, so
// "…/tz-1:close" cannot reach the plain "…/{case}" route.
//
// Thread-safety: immutable after Parse.
#ifndef SWV_SERVICES_KERNEL_PATH_TEMPLATE_H_
#define SWV_SERVICES_KERNEL_PATH_TEMPLATE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace swv {

// A field path ("settings.name") and the path text bound to it ("swvs/PO2203/settings").
using PathBinding = std::pair<std::string, std::string>;

// One path parameter of the OpenAPI form of a template:
// "/api/v1/swvs/{swv}/thuiszitters/{thuiszitter}".
struct OpenApiPathParameter {
  std::string name;        // "swv"
  std::string field_path;  // the variable it belongs to, e.g. "parent"
};

class PathTemplate {
 public:
  // INVALID_ARGUMENT naming the position of the first syntax error.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // True when `path` (decoded, no query) matches; then `bindings` holds one entry per variable,
  // in template order. Empty segments ("//", trailing "/") never match.
  bool Match(absl::string_view path, std::vector<PathBinding>* bindings) const;

  // The OpenAPI path: every '*' inside a variable becomes a named parameter, named after the
  // literal before it in singular form ("swvs/*" -> {swv}, "thuiszitters/*" -> {thuiszitter},
  // "wijken/*" -> {wijk}); a bare variable keeps its field name.
  std::string OpenApiPath(std::vector<OpenApiPathParameter>* parameters) const;

  const std::string& text() const { return text_; }
  const std::string& verb() const { return verb_; }
  // Field paths of the variables, in template order.
  std::vector<std::string> VariableFieldPaths() const;
  // Literal segments; a route with more literals wins when two templates match one path.
  int LiteralCount() const;

 private:
  struct Segment {
    enum class Kind { kLiteral, kStar, kDoubleStar };
    Kind kind = Kind::kLiteral;
    std::string literal;
  };
  struct Variable {
    std::string field_path;
    size_t begin = 0;  // first segment index
    size_t end = 0;    // one past the last
  };

  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_PATH_TEMPLATE_H_
