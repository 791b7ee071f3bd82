# Record batches + compression codecs (owned by the storage engineer), added to the protocol
# engineer's tributary_protocol target with:  include(record_batch.cmake)
target_sources(tributary_protocol PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/record_batch.cc
  ${CMAKE_CURRENT_LIST_DIR}/compression.cc)
pkg_check_modules(TRIBUTARY_CODECS REQUIRED IMPORTED_TARGET zlib snappy liblz4 libzstd)
target_link_libraries(tributary_protocol PUBLIC PkgConfig::TRIBUTARY_CODECS)

if(TRIBUTARY_FUZZ)
  # clang only: cmake -DTRIBUTARY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
  add_executable(fuzz_record_batch ${CMAKE_CURRENT_LIST_DIR}/fuzz_record_batch.cc)
  target_compile_options(fuzz_record_batch PRIVATE -fsanitize=fuzzer,address)
  target_link_options(fuzz_record_batch PRIVATE -fsanitize=fuzzer,address)
  target_link_libraries(fuzz_record_batch PRIVATE tributary_protocol)
endif()
