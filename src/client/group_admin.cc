#include "client/group_admin.h"

#include <fmt/format.h>

#include <memory>

namespace tributary::client {
namespace {

using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, decltype(&rd_kafka_topic_partition_list_destroy)>;

PartitionList new_list(int size) {
  return PartitionList(rd_kafka_topic_partition_list_new(size), &rd_kafka_topic_partition_list_destroy);
}

std::vector<PartitionOffset> from_list(const rd_kafka_topic_partition_list_t* list) {
  std::vector<PartitionOffset> out;
  for (int i = 0; list && i < list->cnt; ++i)
    out.push_back({list->elems[i].topic, list->elems[i].partition, list->elems[i].offset});
  return out;
}

// The first per-partition error of a result list, as a Status.
Status first_partition_error(const rd_kafka_topic_partition_list_t* list, const std::string& what) {
  for (int i = 0; list && i < list->cnt; ++i) {
    if (list->elems[i].err)
      return kafka_status(list->elems[i].err,
                          fmt::format("{} {}[{}]", what, list->elems[i].topic, list->elems[i].partition));
  }
  return Status();
}

Status group_result_status(const rd_kafka_group_result_t* result, const std::string& what) {
  if (const rd_kafka_error_t* err = rd_kafka_group_result_error(result))
    return Status::error(Errc::io_error, fmt::format("{}: {}", what, rd_kafka_error_string(err)));
  return first_partition_error(rd_kafka_group_result_partitions(result), what);
}

}  // namespace

Result<std::vector<GroupListing>> GroupAdmin::list() {
  AdminCall call(handle_.get(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, timeout_ms_);
  rd_kafka_ListConsumerGroups(handle_.get(), call.options(), call.queue());
  auto event = call.wait("list groups");
  if (!event.ok()) return event.status();
  const auto* result = rd_kafka_event_ListConsumerGroups_result(*event);
  size_t n = 0;
  const rd_kafka_ConsumerGroupListing_t** groups = rd_kafka_ListConsumerGroups_result_valid(result, &n);
  std::vector<GroupListing> out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back({rd_kafka_ConsumerGroupListing_group_id(groups[i]),
                   rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(groups[i])),
                   rd_kafka_ConsumerGroupListing_is_simple_consumer_group(groups[i]) != 0});
  }
  return out;
}

Result<GroupDescription> GroupAdmin::describe(const std::string& group) {
  AdminCall call(handle_.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeout_ms_);
  const char* names[] = {group.c_str()};
  rd_kafka_DescribeConsumerGroups(handle_.get(), names, 1, call.options(), call.queue());
  auto event = call.wait("describe group " + group);
  if (!event.ok()) return event.status();
  size_t n = 0;
  const auto** groups = rd_kafka_DescribeConsumerGroups_result_groups(rd_kafka_event_DescribeConsumerGroups_result(*event), &n);
  if (n != 1) return Status::error(Errc::io_error, "describe group " + group + ": no result");
  const rd_kafka_ConsumerGroupDescription_t* d = groups[0];
  if (const rd_kafka_error_t* err = rd_kafka_ConsumerGroupDescription_error(d))
    return Status::error(Errc::io_error, fmt::format("describe group {}: {}", group, rd_kafka_error_string(err)));
  GroupDescription out;
  out.group_id = rd_kafka_ConsumerGroupDescription_group_id(d);
  out.state = rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(d));
  const char* assignor = rd_kafka_ConsumerGroupDescription_partition_assignor(d);
  out.assignor = assignor ? assignor : "";
  if (const rd_kafka_Node_t* node = rd_kafka_ConsumerGroupDescription_coordinator(d)) out.coordinator = rd_kafka_Node_id(node);
  for (size_t i = 0; i < rd_kafka_ConsumerGroupDescription_member_count(d); ++i) {
    const rd_kafka_MemberDescription_t* m = rd_kafka_ConsumerGroupDescription_member(d, i);
    GroupMember member;
    member.member_id = rd_kafka_MemberDescription_consumer_id(m);
    member.client_id = rd_kafka_MemberDescription_client_id(m);
    member.host = rd_kafka_MemberDescription_host(m);
    if (const char* instance = rd_kafka_MemberDescription_group_instance_id(m)) member.instance_id = instance;
    if (const rd_kafka_MemberAssignment_t* a = rd_kafka_MemberDescription_assignment(m))
      member.assignment = from_list(rd_kafka_MemberAssignment_partitions(a));
    out.members.push_back(std::move(member));
  }
  return out;
}

Result<std::vector<PartitionOffset>> GroupAdmin::committed(const std::string& group) {
  AdminCall call(handle_.get(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeout_ms_);
  rd_kafka_ListConsumerGroupOffsets_t* request = rd_kafka_ListConsumerGroupOffsets_new(group.c_str(), nullptr);
  rd_kafka_ListConsumerGroupOffsets(handle_.get(), &request, 1, call.options(), call.queue());
  rd_kafka_ListConsumerGroupOffsets_destroy(request);
  auto event = call.wait("committed offsets of " + group);
  if (!event.ok()) return event.status();
  size_t n = 0;
  const auto** results =
      rd_kafka_ListConsumerGroupOffsets_result_groups(rd_kafka_event_ListConsumerGroupOffsets_result(*event), &n);
  if (n != 1) return Status::error(Errc::io_error, "committed offsets of " + group + ": no result");
  TRY_STATUS(group_result_status(results[0], "committed offsets of " + group));
  return from_list(rd_kafka_group_result_partitions(results[0]));
}

Status GroupAdmin::alter(const std::string& group, const std::vector<PartitionOffset>& offsets) {
  AdminCall call(handle_.get(), RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, timeout_ms_);
  PartitionList list = new_list(static_cast<int>(offsets.size()));
  for (const auto& o : offsets) rd_kafka_topic_partition_list_add(list.get(), o.topic.c_str(), o.partition)->offset = o.offset;
  rd_kafka_AlterConsumerGroupOffsets_t* request = rd_kafka_AlterConsumerGroupOffsets_new(group.c_str(), list.get());
  rd_kafka_AlterConsumerGroupOffsets(handle_.get(), &request, 1, call.options(), call.queue());
  rd_kafka_AlterConsumerGroupOffsets_destroy(request);
  auto event = call.wait("reset offsets of " + group);
  if (!event.ok()) return event.status();
  size_t n = 0;
  const auto** results =
      rd_kafka_AlterConsumerGroupOffsets_result_groups(rd_kafka_event_AlterConsumerGroupOffsets_result(*event), &n);
  if (n != 1) return Status::error(Errc::io_error, "reset offsets of " + group + ": no result");
  return group_result_status(results[0], "reset offsets of " + group);
}

Status GroupAdmin::remove(const std::string& group) {
  AdminCall call(handle_.get(), RD_KAFKA_ADMIN_OP_DELETEGROUPS, timeout_ms_);
  rd_kafka_DeleteGroup_t* request = rd_kafka_DeleteGroup_new(group.c_str());
  rd_kafka_DeleteGroups(handle_.get(), &request, 1, call.options(), call.queue());
  rd_kafka_DeleteGroup_destroy(request);
  auto event = call.wait("delete group " + group);
  if (!event.ok()) return event.status();
  size_t n = 0;
  const auto** results = rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(*event), &n);
  if (n != 1) return Status::error(Errc::io_error, "delete group " + group + ": no result");
  return group_result_status(results[0], "delete group " + group);
}

Result<std::pair<int64_t, int64_t>> GroupAdmin::watermarks(const std::string& topic, int32_t partition) {
  int64_t low = -1, high = -1;
  rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(handle_.get(), topic.c_str(), partition, &low, &high, timeout_ms_);
  TRY_STATUS(kafka_status(err, fmt::format("watermarks of {}[{}]", topic, partition)));
  return std::make_pair(low, high);
}

Result<std::vector<PartitionOffset>> GroupAdmin::offsets_for_time(const std::string& topic,
                                                                  const std::vector<int32_t>& partitions,
                                                                  int64_t timestamp_ms) {
  PartitionList list = new_list(static_cast<int>(partitions.size()));
  for (int32_t p : partitions) rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p)->offset = timestamp_ms;
  TRY_STATUS(kafka_status(rd_kafka_offsets_for_times(handle_.get(), list.get(), timeout_ms_), "offsets for time"));
  TRY_STATUS(first_partition_error(list.get(), "offsets for time"));
  auto out = from_list(list.get());
  for (auto& o : out) {
    if (o.offset >= 0) continue;  // no record that late: the end, as kafka-consumer-groups does
    auto marks = watermarks(o.topic, o.partition);
    if (!marks.ok()) return marks.status();
    o.offset = marks->second;
  }
  return out;
}

Result<std::vector<int32_t>> GroupAdmin::partitions(const std::string& topic) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(handle_.get(), topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(handle_.get(), 0, rkt, &metadata, timeout_ms_);
  rd_kafka_topic_destroy(rkt);
  TRY_STATUS(kafka_status(err, "metadata of " + topic));
  std::vector<int32_t> out;
  Status status;
  for (int t = 0; t < metadata->topic_cnt; ++t) {
    const auto& md = metadata->topics[t];
    if (md.err) status = kafka_status(md.err, "topic " + topic);
    for (int p = 0; p < md.partition_cnt; ++p) out.push_back(md.partitions[p].id);
  }
  rd_kafka_metadata_destroy(metadata);
  if (!status.ok()) return status;
  return out;
}

}  // namespace tributary::client
