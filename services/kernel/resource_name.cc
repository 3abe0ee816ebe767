#include "services/kernel/resource_name.h"

#include <map>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "services/kernel/errors.h"
#include "services/kernel/path_template.h"
#include "services/kernel/status_macros.h"

namespace swv {
namespace {

struct Shape {
  PathTemplate ids;  // "/swvs/{id0}/goals/{id1}": one variable per '*'
  std::string text;  // "swvs/{swv}/goals/{goal}", for the error
};

// Parsed once per shape; the shapes are the adapters' constants, so the table stays small.
absl::StatusOr<const Shape*> ShapeOf(absl::string_view shape) {
  static absl::Mutex mu(absl::kConstInit);
  static auto* shapes ABSL_GUARDED_BY(mu) = new std::map<std::string, Shape, std::less<>>();
  absl::MutexLock lock(&mu);
  auto it = shapes->find(shape);
  if (it != shapes->end()) return &it->second;
  std::vector<std::string> segments = absl::StrSplit(shape, '/');
  int wildcards = 0;
  for (std::string& segment : segments) {
    if (segment == "*") segment = absl::StrCat("{id", wildcards++, "}");
  }
  absl::StatusOr<PathTemplate> ids =
      PathTemplate::Parse(absl::StrCat("/", absl::StrJoin(segments, "/")));
  if (!ids.ok()) return ids.status();
  SWV_ASSIGN_OR_RETURN(PathTemplate named,
                       PathTemplate::Parse(absl::StrCat("/{name=", shape, "}")));
  std::vector<OpenApiPathParameter> parameters;
  std::string text = named.OpenApiPath(&parameters).substr(1);
  return &shapes->emplace(std::string(shape), Shape{*std::move(ids), std::move(text)})
              .first->second;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ResourceNameIds(absl::string_view field,
                                                         absl::string_view name,
                                                         absl::string_view shape) {
  SWV_ASSIGN_OR_RETURN(const Shape* parsed, ShapeOf(shape));
  std::vector<PathBinding> bindings;
  if (!parsed->ids.Match(absl::StrCat("/", name), &bindings)) {
    return InvalidField(field, "MALFORMED_NAME",
                        absl::StrCat("must look like \"", parsed->text, "\""));
  }
  std::vector<std::string> ids;
  for (PathBinding& binding : bindings) ids.push_back(std::move(binding.second));
  return ids;
}

}  // namespace swv
