import CKDBytes
import KDPipeline

kd_keep_freed_blocks_in_heap()
KDPipeCommand.main()
