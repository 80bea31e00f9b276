// GiNaC as a benchmark peer (bench/ginac-peer.mjs builds and runs this). One case per stdin line, tab-separated:
//   wantTexts(0|1) \t wrt (comma list) \t checked (comma list) \t point (name=value;…) \t f (the peers' text)
// Answers one JSON line per case: {"firstMs","medianMs","runs","size","parseMs","values"{…},"texts"?[…]} or
// {"error"}; before timing, {"progress":true} once f is read (as the SymPy and Maxima workers do).
// Timed in-process with std::chrono::steady_clock: ex::diff(symbol) for every partial, GiNaC's automatic
// canonicalisation included, parsing and printing not. Policy as bench/timing.mjs and maxima_worker.lisp: the first
// call; unless it took over a second, an untimed warm-up (at most 20 calls or 50 ms); then samples until ~0.4 s was
// spent and at least 3 were made (at most 5000), each a loop of k calls divided by k (k chosen so a sample lasts
// ~0.1 ms); the median sample. parseMs: the first (cold) parse of f in this process.
#include <ginac/ginac.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace GiNaC;
using Clock = std::chrono::steady_clock;

static double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

static std::vector<std::string> split(const std::string &s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep))
    if (!part.empty()) out.push_back(part);
  return out;
}

static std::string jsonString(const std::string &s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') { out += "\\n"; continue; }
    out += ch;
  }
  return out + "\"";
}

static std::string number(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

static std::string answer(const std::string &line) {
  std::vector<std::string> fields;
  {
    std::string part;
    std::istringstream in(line);
    while (std::getline(in, part, '\t')) fields.push_back(part);
  }
  if (fields.size() != 5) return "{\"error\":\"ginac worker: malformed case line\"}";
  const bool wantTexts = fields[0] == "1";
  const auto wrtNames = split(fields[1], ',');
  const auto checkedNames = split(fields[2], ',');
  symtab table;
  lst point;
  for (const auto &pair : split(fields[3], ';')) {
    const auto at = pair.find('=');
    const std::string name = pair.substr(0, at);
    symbol s(name);
    table[name] = s;
    point.append(s == numeric(std::stod(pair.substr(at + 1))));
  }
  parser reader(table, true);  // strict: a name that is not in the point is an error, not a new symbol
  const auto p0 = Clock::now();
  ex f = reader(fields[4]);
  const double parseMs = msSince(p0);
  std::cout << "{\"progress\":true}" << std::endl;

  std::vector<symbol> wrt;
  for (const auto &name : wrtNames) wrt.push_back(ex_to<symbol>(table[name]));
  std::vector<ex> ds(wrt.size());
  auto once = [&]() {
    for (size_t i = 0; i < wrt.size(); i++) ds[i] = f.diff(wrt[i]);
  };
  auto t0 = Clock::now();
  once();
  const double first = msSince(t0);
  std::vector<double> samples;
  if (first < 1000) {
    const auto w0 = Clock::now();
    for (int i = 0; i < 20 && msSince(w0) < 50; i++) once();
    long calls = 1;
    if (first < 0.1) {
      t0 = Clock::now();
      once();
      calls = std::max(1L, std::min(1000L, std::lround(0.1 / std::max(msSince(t0), 1e-4))));
    }
    double spent = 0;
    while ((spent < 400 || samples.size() < 3) && samples.size() < 5000) {
      t0 = Clock::now();
      for (long i = 0; i < calls; i++) once();
      const double ms = msSince(t0);
      samples.push_back(ms / calls);
      spent += ms;
    }
  }
  std::sort(samples.begin(), samples.end());
  const double median = samples.empty() ? first : samples[samples.size() / 2];

  std::vector<std::string> texts;
  size_t size = 0;
  for (const auto &d : ds) {
    std::ostringstream out;
    out << d;
    texts.push_back(out.str());
    size += texts.back().size();
  }
  std::string values = "{";
  for (const auto &name : checkedNames) {
    const auto at = std::find(wrtNames.begin(), wrtNames.end(), name) - wrtNames.begin();
    ex v = ds.at(at).subs(point).evalf();
    if (values.size() > 1) values += ",";
    values += jsonString(name) + ":" + (is_a<numeric>(v) && ex_to<numeric>(v).is_real() ? number(ex_to<numeric>(v).to_double()) : jsonString("no number (GiNaC left the partial symbolic)"));
  }
  values += "}";
  std::string json = "{\"firstMs\":" + number(first) + ",\"medianMs\":" + number(median) + ",\"runs\":" + std::to_string(1 + samples.size()) +
                     ",\"size\":" + std::to_string(size) + ",\"parseMs\":" + number(parseMs) + ",\"values\":" + values;
  if (wantTexts && size <= 300000) {
    json += ",\"texts\":[";
    for (size_t i = 0; i < texts.size(); i++) json += (i ? "," : "") + jsonString(texts[i]);
    json += "]";
  }
  return json + "}";
}

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    std::string out;
    try {
      out = answer(line);
    } catch (const std::exception &e) {
      std::string msg = e.what();  // GiNaC's own messages start "GiNaC: …"; the first line says what went wrong
      msg = msg.substr(0, msg.find('\n'));
      out = "{\"error\":" + jsonString((msg.rfind("GiNaC", 0) == 0 ? msg : "GiNaC: " + msg).substr(0, 120)) + "}";
    }
    std::cout << out << std::endl;
  }
}
