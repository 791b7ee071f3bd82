// Filter drops every record it is applied to: used with a predicate (and `negate`) it drops the
// records the predicate matches (or does not match).
#include "connect/transforms/builtin_transforms.h"

namespace tributary::connect::transforms {
namespace {

const ConfigDef& def() {
  static const ConfigDef d;
  return d;
}

class Filter : public Transformation {
 public:
  ConfigProblems configure(const ParsedConfig&) override { return {}; }
  Result<bool> apply(ConnectRecord&, const RecordContext&) override { return false; }
};

}  // namespace

std::vector<TransformPlugin> filter_plugins() {
  return {{std::string(kTransformPackage) + "Filter",
           "Drops all records, filtering them from subsequent transformations in the chain. Intended to be used "
           "conditionally to filter out records matching (or not matching) a particular predicate.",
           def, [] { return std::unique_ptr<Transformation>(new Filter()); }}};
}

}  // namespace tributary::connect::transforms
