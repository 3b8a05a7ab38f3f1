// The dashboard's files (web/dist), embedded in the binary at build time by
// cmake/web_assets.cmake, which generates the table below. Static serving
// reads only this table: no file system access, so no path traversal.
#ifndef CRONISTA_SERVER_ASSETS_H_
#define CRONISTA_SERVER_ASSETS_H_

#include <cstddef>
#include <string_view>

namespace cronista::server {

struct EmbeddedAsset {
  const char* path;  // relative to web/dist, '/'-separated: "index.html", "assets/app.js"
  const char* begin;
  const char* end;
  const char* content_type;  // from the extension: "text/javascript; charset=utf-8"

  size_t size() const { return static_cast<size_t>(end - begin); }
  std::string_view data() const { return {begin, size()}; }
};

// Generated (web_assets.cc in the build folder).
extern const EmbeddedAsset kEmbeddedAssets[];
extern const size_t kEmbeddedAssetCount;

}  // namespace cronista::server

#endif  // CRONISTA_SERVER_ASSETS_H_
