#include "services/kernel/csv.h"

namespace swv {
namespace {

void AppendCsvField(std::string* out, absl::string_view field) {
  if (field.find_first_of(",\"\r\n") == absl::string_view::npos) {
    out->append(field.data(), field.size());
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

template <typename Field>
void AppendFields(std::string* out, absl::Span<const Field> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendCsvField(out, fields[i]);
  }
  out->append("\r\n");
}

}  // namespace

std::string CsvField(absl::string_view field) {
  std::string out;
  AppendCsvField(&out, field);
  return out;
}

void AppendCsvRow(std::string* out, absl::Span<const std::string> fields) {
  AppendFields(out, fields);
}

void AppendCsvRow(std::string* out, absl::Span<const absl::string_view> fields) {
  AppendFields(out, fields);
}

}  // namespace swv
